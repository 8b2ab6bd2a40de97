import { createWriteStream, writeFileSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Command } from 'commander';
import { signedFetch } from '../client/sign-request.js';
import { CSV_TABLES } from '../domain/exports/csv.js';
import { EXPORT_FORMATS } from '../domain/exports/formats.js';
import { CliError, isRfc3339, type CliIo } from './io.js';
import { getJson, ledgerUrl, signerOf, withReader } from './report.command.js';
import { submitToTdb } from './tdb-submit.js';

const FORMATS: readonly string[] = EXPORT_FORMATS;
const TABLES: readonly string[] = CSV_TABLES;

interface ExportOptions {
  url: string;
  as?: string;
  key?: string;
  format: string;
  table?: string;
  provider?: string;
  from?: string;
  to?: string;
  out?: string;
  progress: boolean;
  submit?: string;
  token?: string;
}

/** `harbor export`: the ledger's cases in a regulator's format, streamed from GET /v1/exports/… to a file or standard output. */
export function exportCommand(io: CliIo): Command {
  return withReader(new Command('export'))
    .description('export cases as EU Transparency Database statements of reasons (tdb), Lumen notice records (lumen) or CSV; each names the checkpoint it reflects')
    .requiredOption('--format <format>', `${FORMATS.join(', ')}`)
    .option('--table <table>', `csv only: ${TABLES.join(' or ')} (default cases)`)
    .option('--provider <id>', "only this provider's cases")
    .option('--from <time>', 'cases opened at or after this RFC 3339 time')
    .option('--to <time>', 'cases opened before this RFC 3339 time')
    .option('-o, --out <file>', 'write here instead of standard output')
    .option('--no-progress', 'no progress line on the terminal')
    .option('--submit <tdb url>', 'tdb only: submit the statements to this Transparency Database (its base URL) and record each one it stores as reasons.published, signed --as the provider')
    .option('--token <token>', 'the Transparency Database API token (default: HARBOR_TDB_TOKEN)', process.env.HARBOR_TDB_TOKEN)
    .action(async (options: ExportOptions) => {
      const url = exportUrl(options);
      if (options.submit !== undefined) return submit(options, url, io);
      let res: Response;
      try {
        res = await signedFetch(url, { signer: signerOf(options) });
      } catch (error) {
        throw new CliError(`cannot reach ${url}: ${(error as Error).cause ?? (error as Error).message}`, 2);
      }
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => undefined)) as { error?: { message: string } } | undefined;
        throw new CliError(`${url}: ${res.status} ${body?.error?.message ?? ''}`, 2);
      }
      const cases = res.headers.get('harbor-export-cases') ?? '?';
      const size = res.headers.get('harbor-log-size') ?? '?';
      const bytes = await copy(res.body, options.out, options.progress && !!options.out && process.stderr.isTTY ? (n) => process.stderr.write(`\rexport ${options.format}: ${cases} cases, ${(n / 1024).toFixed(0)} KB received`) : undefined);
      if (options.out) io.err(`${options.progress && process.stderr.isTTY ? '\n' : ''}${options.out}: ${bytes} bytes, ${cases} cases, as of the checkpoint of ${size} entries`);
    });
}

/** Reads the whole TDB export (one provider's, or a period's), then submits it batch by batch. */
async function submit(options: ExportOptions, url: string, io: CliIo): Promise<void> {
  if (options.format !== 'tdb') throw new CliError('--submit is for --format tdb', 2);
  if (!options.token) throw new CliError('--submit needs the Transparency Database token: --token or HARBOR_TDB_TOKEN', 2);
  const provider = signerOf(options);
  if (!provider) throw new CliError('--submit records reasons.published as the provider: give --as <provider> --key <file>', 2);
  if (!URL.canParse(options.submit!)) throw new CliError(`--submit must be the Transparency Database's URL, got ${options.submit}`, 2);
  const exported = (await getJson(url, provider)) as { batches: { statements: { puid: string }[] }[] };
  if (options.out) writeFileSync(options.out, `${JSON.stringify(exported)}\n`);
  const { submitted, recorded } = await submitToTdb(exported, { tdb: options.submit!, token: options.token, ledger: ledgerUrl(options.url), provider }, io);
  io.out(`submitted ${submitted} statement(s) of reasons to ${options.submit}; recorded ${recorded} reasons.published act(s)`);
}

function exportUrl(options: ExportOptions): string {
  if (!FORMATS.includes(options.format)) throw new CliError(`--format must be one of ${FORMATS.join(', ')}, got ${options.format}`, 2);
  if (options.table !== undefined && (options.format !== 'csv' || !TABLES.includes(options.table))) throw new CliError(`--table is for --format csv, one of ${TABLES.join(', ')}`, 2);
  for (const [name, value] of [['--from', options.from], ['--to', options.to]] as const) {
    if (value !== undefined && !isRfc3339(value)) throw new CliError(`${name} must be an RFC 3339 time with its zone, e.g. 2026-11-30T00:00:00Z; got ${value}`, 2);
  }
  const query = new URLSearchParams(Object.entries({ table: options.table, provider: options.provider, from: options.from, to: options.to }).filter((e): e is [string, string] => e[1] !== undefined));
  return `${ledgerUrl(options.url)}/v1/exports/${options.format}${query.size ? `?${query}` : ''}`;
}

/** Streams the body to the file (or standard output), reporting the bytes so far. */
async function copy(body: ReadableStream<Uint8Array>, out: string | undefined, progress?: (bytes: number) => void): Promise<number> {
  // Standard output takes the bytes as they come (io.out writes lines): an export may be gigabytes.
  const sink = out ? createWriteStream(out) : process.stdout;
  let bytes = 0;
  for await (const chunk of body) {
    bytes += chunk.length;
    if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
    progress?.(bytes);
  }
  if (out) await finished(sink.end());
  return bytes;
}
