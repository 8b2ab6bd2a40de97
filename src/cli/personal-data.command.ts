import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { AccessLogPage } from '../application/ports/access-log.js';
import { CliError, isRfc3339, type CliIo } from './io.js';
import { getJson, ledgerUrl, signerOf, withReader } from './report.command.js';
import { formatServedCase } from '../verdict/case-text.js';


/** `harbor fetch bundle|dossier`: evidence to keep and verify offline. */
export function fetchCommand(io: CliIo): Command {
  return new Command('fetch').description('fetch evidence to verify offline: a case bundle, a provider dossier').addCommand(bundleCommand(io)).addCommand(dossierCommand(io));
}

/** `harbor show case <id>`: the case as the ledger judges it now (or as of a time), as a table. */
export function showCommand(io: CliIo): Command {
  const show = new Command('show').description('show what the ledger says (its word: to check it offline, fetch a bundle and verify it)');
  withReader(show.command('case'))
    .description('a case: its timeline in the legal time zone, each duty with its window and status, the protection of the item')
    .argument('<id>', 'case id')
    .option('--as-of <time>', 'as it stood at this RFC 3339 time')
    .option('--json', 'print the case view as JSON')
    .action(async (id: string, options: { url: string; asOf?: string; json?: boolean; as?: string; key?: string }) => {
      if (options.asOf !== undefined && !isRfc3339(options.asOf)) throw new CliError('--as-of must be an RFC 3339 time with its zone, e.g. 2026-11-30T12:00:00Z', 2);
      const view = await getJson(`${ledgerUrl(options.url)}/v1/cases/${encodeURIComponent(id)}${options.asOf ? `?asOf=${encodeURIComponent(options.asOf)}` : ''}`, signerOf(options));
      io.out(options.json ? JSON.stringify(view, null, 2) : formatServedCase(view as Parameters<typeof formatServedCase>[0]));
    });
  return show;
}


/** `harbor fetch bundle <case>`: a case's verifiable bundle; with --disclose, the clear values this party may read (signed). */
function bundleCommand(io: CliIo): Command {
  return withReader(new Command('bundle'))
    .description("a case's verifiable bundle (harbor verify checks it offline); --disclose adds the clear personal data the signing party may read, and the ledger logs the release")
    .argument('<case>', 'case id')
    .option('--disclose', 'include the clear values the signing party is entitled to')
    .option('-o, --out <file>', 'write the bundle here instead of printing it')
    .action(async (caseId: string, options: { url: string; disclose?: boolean; out?: string; as?: string; key?: string }) => {
      const signer = signerOf(options);
      if (options.disclose && !signer) throw new CliError('--disclose releases personal data only on a signed request: give --as <party> --key <file>', 2);
      const bundle = await getJson(`${ledgerUrl(options.url)}/v1/cases/${encodeURIComponent(caseId)}/bundle${options.disclose ? '?disclose=true' : ''}`, signer);
      const text = `${JSON.stringify(bundle, null, 2)}\n`;
      if (options.out) writeFileSync(options.out, text);
      else io.out(text.trimEnd());
    });
}

type Release = AccessLogPage['items'][number];

/** `harbor access-log`: the releases of clear personal data the signing party may see (an authority: all; others: of their own data). */
export function accessLogCommand(io: CliIo): Command {
  return withReader(new Command('access-log'))
    .description('releases of clear personal data: an authority sees all, a party the releases of its own data (signed)')
    .option('--subject <party>', 'only releases of this person’s data')
    .option('--case <id>', 'only releases from this case')
    .option('--limit <n>', 'releases per page (1-1000)', '100')
    .option('--cursor <cursor>', 'the next page, as the previous one printed it')
    .option('--json', 'print the page as JSON')
    .action(async (options: { url: string; subject?: string; case?: string; limit: string; cursor?: string; json?: boolean; as?: string; key?: string }) => {
      const signer = signerOf(options);
      if (!signer) throw new CliError('the access log is read on a signed request: give --as <party> --key <file>', 2);
      const params = Object.entries({ subject: options.subject, case: options.case, limit: options.limit, cursor: options.cursor }).filter((e): e is [string, string] => e[1] !== undefined);
      const page = (await getJson(`${ledgerUrl(options.url)}/v1/access-log?${new URLSearchParams(params).toString()}`, signer)) as { items: Release[]; next?: string };
      io.out(options.json ? JSON.stringify(page, null, 2) : formatReleases(page));
    });
}

export function formatReleases(page: { items: Release[]; next?: string }): string {
  const header = ['when (UTC)', 'reader', 'case', 'seq', 'path', 'whose', 'rule'];
  const rows = page.items.map((r) => [r.at.slice(0, 19).replace('T', ' '), r.reader, r.case, String(r.seq), r.path, r.subject, r.rule]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [line(header), ...rows.map(line), '', `${rows.length} release(s)${page.next ? `; next page: --cursor ${page.next}` : ''}`].join('\n');
}

/** `harbor dossier <provider>`: the provider's dossier for a period, to verify offline with harbor verify. */
export function dossierCommand(io: CliIo): Command {
  return withReader(new Command('dossier'))
    .description("a provider's dossier: its stream and every case opened against it in the period, each judgeable offline, with the ledger's signed list of those cases (harbor verify re-judges it all)")
    .argument('<provider>', 'provider party id')
    .option('--from <time>', 'cases opened at or after this RFC 3339 time')
    .option('--to <time>', 'cases opened before this RFC 3339 time')
    .requiredOption('-o, --out <file>', 'write the dossier here')
    .action(async (provider: string, options: { url: string; from?: string; to?: string; out: string; as?: string; key?: string }) => {
      for (const [name, value] of [['from', options.from], ['to', options.to]] as const) {
        if (value !== undefined && !isRfc3339(value)) throw new CliError(`--${name} must be an RFC 3339 time with its zone, e.g. 2026-11-30T12:00:00Z; got ${value}`, 2);
      }
      const query = new URLSearchParams(Object.entries({ from: options.from, to: options.to }).filter((e): e is [string, string] => e[1] !== undefined)).toString();
      const dossier = (await getJson(`${ledgerUrl(options.url)}/v1/providers/${encodeURIComponent(provider)}/dossier${query ? `?${query}` : ''}`, signerOf(options))) as { cases: unknown[] };
      writeFileSync(options.out, `${JSON.stringify(dossier)}\n`);
      io.out(`${dossier.cases.length} case(s) written to ${options.out}; check them offline with harbor verify ${options.out} --ledger-key <vkey>`);
    });
}
