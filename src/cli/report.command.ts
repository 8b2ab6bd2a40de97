import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import type { RepeatInfringersView } from '../application/compliance-service.js';
import { signedFetch, type RequestSigner } from '../client/sign-request.js';
import { PACKS } from '../domain/acts/primitives.js';
import { CASE_PHASES } from '../domain/case/phase.js';
import { OBLIGATION_STATUSES } from '../domain/jurisdictions/obligation.js';
import type { ProviderCompliance } from '../domain/projections/provider-compliance.js';
import { caseCourtFile } from '../verdict/case-html.js';
import { dossierCourtFile } from '../verdict/dossier-html.js';
import { formatCompliance } from './compliance-text.js';
import { checkEvidence, evidenceText } from './evidence.js';
import { CliError, isRfc3339, type CliIo } from './io.js';
import { readKeyFile } from './key-file.js';

/** `--url`, and `--as <party> --key <file>`: sign the reads with the party's key (RFC 9421), as a private ledger requires. */
export function withReader(command: Command): Command {
  return command
    .option('-u, --url <url>', 'ledger URL', process.env.HARBOR_URL ?? 'http://127.0.0.1:3000')
    .option('--as <party>', 'sign the requests as this party (default: HARBOR_PARTY)', process.env.HARBOR_PARTY)
    .option('--key <file>', "the party's key file, to sign the requests (default: HARBOR_KEY)", process.env.HARBOR_KEY);
}

export function signerOf(options: { as?: string; key?: string }): RequestSigner | undefined {
  if (!options.key && !options.as) return undefined;
  if (!options.key || !options.as) throw new CliError('to sign requests give both --as <party> and --key <file>', 2);
  return { partyId: options.as, secretKey: readKeyFile(options.key).secretKey };
}

/** `harbor report provider <id>`: a provider's compliance as a regulator reads it (or --json). */
export function reportCommand(io: CliIo): Command {
  const report = new Command('report').description('reports for regulators and platforms');
  withReader(report.command('provider'))
    .description("a provider's compliance per pack, repeat infringers and safe-harbor verdict")
    .argument('<id>', 'provider party id')
    .option('--as-of <time>', 'RFC 3339 time to judge at (default: the ledger clock)')
    .option('--pack <pack>', 'only this pack')
    .option('--json', 'print the compliance report as JSON')
    .action(async (id: string, options: { url: string; asOf?: string; pack?: string; json?: boolean; as?: string; key?: string }) => {
      if (options.asOf !== undefined && !isRfc3339(options.asOf)) throw new CliError(`--as-of must be an RFC 3339 time with its zone, e.g. 2026-11-30T12:00:00Z; got ${options.asOf}`, 2);
      if (options.pack !== undefined && !(PACKS as readonly string[]).includes(options.pack)) throw new CliError(`--pack must be one of ${PACKS.join(', ')}; got ${options.pack}`, 2);
      const signer = signerOf(options);
      const query = new URLSearchParams({ ...(options.asOf ? { asOf: options.asOf } : {}), ...(options.pack ? { pack: options.pack } : {}) }).toString();
      const base = `${options.url.replace(/\/$/, '')}/v1/providers/${encodeURIComponent(id)}`;
      const compliance = (await getJson(`${base}/compliance${query ? `?${query}` : ''}`, signer)) as ProviderCompliance;
      if (options.json) {
        io.out(JSON.stringify(compliance, null, 2));
        return;
      }
      const repeat = (await getJson(`${base}/repeat-infringers${options.asOf ? `?asOf=${encodeURIComponent(options.asOf)}` : ''}`, signer)) as RepeatInfringersView;
      io.out(formatCompliance(compliance, repeat));
    });
  report
    .command('case')
    .description('a case (or a provider dossier) as a court reads it, from a verified bundle only: --html writes one printable, self-contained page (timeline, deadlines against the acts, verdict with citations; for a dossier, the standing per pack and every case)')
    .argument('<bundle>', 'a case bundle (harbor fetch bundle) or a provider dossier (harbor fetch dossier)')
    .requiredOption('--ledger-key <vkey>', "the ledger's verifier key, pinned out of band")
    .option('--as-of <time>', "judge as of this RFC 3339 time (default: the time of the ledger's signed judgement)")
    .option('--html <file>', 'write the court file here')
    .action(async (file: string, options: { ledgerKey: string; asOf?: string; html?: string }) => {
      const checked = await checkEvidence(io, file, options.ledgerKey, options.asOf);
      if (checked.kind === 'bundle' && checked.report.ok && !checked.rejudged) throw new CliError('a court file needs a v2 bundle (with the party streams and the signed judgement): fetch it again with harbor fetch bundle', 2);
      const what = checked.kind === 'bundle' ? 'bundle' : 'dossier';
      if (options.html) {
        const context = { ledgerKey: options.ledgerKey, generatedAt: new Date().toISOString() };
        writeFileSync(options.html, checked.kind === 'bundle' ? caseCourtFile(checked.report, checked.rejudged, context) : dossierCourtFile(checked.report, checked.rejudged, context));
        const verdicts = checked.kind === 'bundle' ? ', verdict does not hold' : ', verdicts do not hold';
        io.out(`court file written to ${options.html} (${checked.report.ok ? 'VALID' : 'INVALID'}${checked.rejudged?.failures.length ? verdicts : ''})`);
      } else if (checked.kind === 'dossier' || checked.rejudged) io.out(evidenceText(checked));
      if (!checked.report.ok || checked.rejudged?.failures.length) throw new CliError(`the ${what} does not hold: see the report`, 1);
    });
  return report;
}

/** A ledger URL without its trailing slash, to append paths to. */
export const ledgerUrl = (url: string): string => url.replace(/\/$/, '');

export async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (error) {
    throw new CliError(`cannot reach ${url}: ${(error as Error).cause ?? (error as Error).message}`, 2);
  }
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    throw new CliError(`${url} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`, 2);
  }
}

export async function getJson(url: string, signer?: RequestSigner): Promise<unknown> {
  let res: Response;
  try {
    res = await signedFetch(url, { signer });
  } catch (error) {
    throw new CliError(`cannot reach ${url}: ${(error as Error).cause ?? (error as Error).message}`, 2);
  }
  const body = (await res.json().catch(() => undefined)) as { error?: { message: string } } | undefined;
  if (!res.ok) throw new CliError(`${url}: ${res.status} ${body?.error?.message ?? ''}`, res.status === 404 ? 1 : 2);
  return body;
}


interface CasesOptions {
  url: string;
  as?: string;
  key?: string;
  provider?: string;
  notifier?: string;
  user?: string;
  pack?: string;
  state?: string;
  obligation?: string;
  dueBefore?: string;
  openedFrom?: string;
  openedTo?: string;
  limit: string;
  cursor?: string;
  json?: boolean;
}

/** `harbor cases`: the case list (GET /v1/cases) as a table. */
export function casesCommand(io: CliIo): Command {
  return withReader(new Command('cases'))
    .description('list cases by provider, notifier, user, pack, state or obligation status (e.g. --obligation pending --due-before <time>: what is due)')
    .option('--provider <id>')
    .option('--notifier <id>')
    .option('--user <id>')
    .option('--pack <pack>')
    .option('--state <state>', 'open, measure_in_force, disputed, restored, in_litigation, withdrawn')
    .option('--obligation <status>', 'cases with an obligation of this status now: pending, met, late, missed, early, not_applicable')
    .option('--due-before <time>', 'with --obligation: windows closing before this RFC 3339 time')
    .option('--opened-from <time>')
    .option('--opened-to <time>')
    .option('--limit <n>', 'cases per page (1-1000)', '50')
    .option('--cursor <cursor>', 'the next page, as the previous one printed it')
    .option('--json', 'print the page as JSON')
    .action(async (options: CasesOptions) => {
      checkCaseFilters(options);
      const params: Record<string, string | undefined> = { provider: options.provider, notifier: options.notifier, user: options.user, pack: options.pack, state: options.state, obligation: options.obligation, dueBefore: options.dueBefore, openedFrom: options.openedFrom, openedTo: options.openedTo, limit: options.limit, cursor: options.cursor };
      const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)).toString();
      const page = (await getJson(`${options.url.replace(/\/$/, '')}/v1/cases?${query}`, signerOf(options))) as CasePage;
      io.out(options.json ? JSON.stringify(page, null, 2) : formatCases(page));
    });
}

/** Every filter checked here, before anything is sent: a typo is named at once, with what it takes. */
function checkCaseFilters(options: CasesOptions): void {
  const oneOf = (name: string, value: string | undefined, allowed: readonly string[]) => {
    if (value !== undefined && !allowed.includes(value)) throw new CliError(`--${name} must be one of ${allowed.join(', ')}; got ${value}`, 2);
  };
  oneOf('state', options.state, CASE_PHASES);
  oneOf('obligation', options.obligation, OBLIGATION_STATUSES);
  oneOf('pack', options.pack, PACKS);
  for (const [name, value] of [['due-before', options.dueBefore], ['opened-from', options.openedFrom], ['opened-to', options.openedTo]] as const) {
    if (value !== undefined && !isRfc3339(value)) throw new CliError(`--${name} must be an RFC 3339 time with its zone, e.g. 2026-11-30T12:00:00Z; got ${value}`, 2);
  }
  if (options.dueBefore !== undefined && options.obligation === undefined) throw new CliError('--due-before goes with --obligation (e.g. --obligation pending --due-before <time>)', 2);
  const limit = Number(options.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new CliError(`--limit must be an integer from 1 to 1000; got ${options.limit}`, 2);
}

interface CasePage {
  items: { id: string; provider: string; notifier: string; user: string | null; pack: string; phase: string; openedAt: string; lastAt: string }[];
  total: number;
  next: string | null;
  asOf: string;
  position: number;
}

export function formatCases(page: CasePage): string {
  const header = ['case', 'provider', 'notifier', 'user', 'pack', 'state', 'opened', 'last act'];
  const rows = page.items.map((c) => [c.id, c.provider, c.notifier, c.user ?? '-', c.pack, c.phase.replaceAll('_', ' '), c.openedAt.slice(0, 16).replace('T', ' '), c.lastAt.slice(0, 16).replace('T', ' ')]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  const shown = page.items.length;
  const footer = `${shown} of ${page.total} case(s) as of ${page.asOf} (log position ${page.position}; times UTC)${page.next ? `; next page: --cursor ${page.next}` : ''}`;
  return [line(header), ...rows.map(line), '', footer].join('\n');
}
