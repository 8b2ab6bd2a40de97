import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { parseVerifierKey } from '../audit/checkpoint.js';
import { decodeBase64, encodeBase64 } from '../audit/encoding.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { verifyBundle, type BundleReport } from '../audit/verify-bundle.js';
import { verifyStrictNacl } from '../audit/ed25519-nacl.js';
import { receiptSigningBytes, type Receipt } from '../audit/receipt.js';
import { commitPersonalData, keyRotationData, signAct } from '../client/sign-act.js';
import { ACT_TYPES, parseAct, type ActType } from '../domain/acts/envelope.js';
import { LedgerError } from '../domain/errors.js';
import { CliError, parseJsonValue, readText, type CliIo } from './io.js';
import { readKeyFile, writeNewKeyFile } from './key-file.js';
import { BUNDLE_FORMAT_V2, type CaseBundle } from '../audit/bundle.js';
import { rejudgeBundle, type Rejudgement } from '../verdict/rejudge.js';
import { formatCaseText } from '../verdict/case-text.js';
import { DOSSIER_FORMAT, type Dossier } from '../audit/dossier.js';
import { verifyDossier, type DossierReport } from '../audit/verify-dossier.js';
import type { VerifierKey } from '../audit/checkpoint.js';
import { rejudgeDossier, type DossierRejudgement } from '../verdict/dossier.js';
import { formatCompliance } from './report.command.js';
import type { ProviderCompliance } from '../domain/projections/provider-compliance.js';
import type { RepeatInfringersView } from '../application/compliance-service.js';
import { ledgerKeyOf, receiptValid } from './check.command.js';

export function keysCommand(io: CliIo): Command {
  const keys = new Command('keys').description("manage a party's Ed25519 keys");
  keys
    .command('new')
    .description('create a key pair (tweetnacl); prints the public key, writes the key file')
    .option('-o, --out <file>', 'write the key file here (mode 0600; refuses to overwrite)')
    .action((options: { out?: string }) => {
      const { pair, text } = writeNewKeyFile(options.out);
      io.out(options.out ? `publicKey ${encodeBase64(pair.publicKey)}\nkey file  ${options.out}` : text);
    });
  return keys;
}

interface SignOptions {
  key: string;
  type: string;
  actor: string;
  case?: string;
  data?: string;
  dataFile?: string;
  commit: string[];
  id?: string;
  at?: string;
  newKey?: string;
}

export function signCommand(io: CliIo): Command {
  return new Command('sign')
    .description('build an act envelope, check its shape, and sign it with tweetnacl; prints the JSON to submit')
    .requiredOption('-k, --key <file>', 'key file of the acting party')
    .addOption(new Option('-t, --type <type>', 'act type').choices(ACT_TYPES as string[]).makeOptionMandatory())
    .requiredOption('-a, --actor <id>', 'party id of the actor')
    .option('-c, --case <id>', 'case id (case acts)')
    .option('-d, --data <json>', 'act data as JSON', '{}')
    .option('--data-file <file>', 'act data from a JSON file')
    .option('--commit <path=value>', 'replace personal data at path (e.g. data.claimant.contact) by a salted commitment; repeatable', collect, [])
    .option('--id <uuid>', 'act id (default: a new UUID)')
    .option('--at <time>', 'RFC 3339 time of the act (default: now)')
    .option('--new-key <file>', 'party.key_rotated: key file of the new key, which proves its possession (data.publicKey and data.proof are filled)')
    .action((options: SignOptions) => {
      const pair = readKeyFile(options.key);
      let data = parseJsonOption(options.dataFile ? readText(options.dataFile) : (options.data ?? '{}'), '--data');
      if (options.type === 'party.registered' && data.publicKey === undefined) data = { ...data, publicKey: encodeBase64(pair.publicKey) };
      options.id ??= randomUUID();
      if (options.type === 'party.key_rotated') {
        if (!options.newKey) throw new CliError('party.key_rotated needs --new-key <file>: the new key signs a proof that it is held', 2);
        data = { ...data, ...keyRotationData(options.actor, options.id, readKeyFile(options.newKey)) };
      }
      const committed = commitPersonalData(data, Object.fromEntries(options.commit.map(splitAssignment)));
      const act = signAct({ type: options.type as ActType, actor: options.actor, case: options.case, data: committed.data, id: options.id, at: options.at }, pair.secretKey);
      try {
        parseAct(act);
      } catch (error) {
        if (error instanceof LedgerError) throw new CliError(`the act would be refused: ${error.message}`, 2);
        throw error;
      }
      io.out(JSON.stringify(committed.disclosures.length ? { act, disclosures: committed.disclosures } : act, null, 2));
    });
}

interface SubmitOptions {
  url: string;
  ledgerKey?: string;
}

export function submitCommand(io: CliIo): Command {
  return new Command('submit')
    .description('send signed acts to a ledger: one envelope, {act, disclosures}, or an array (as a batch)')
    .argument('[file]', 'JSON file, or - for standard input', '-')
    .option('-u, --url <url>', 'ledger URL', process.env.HARBOR_URL ?? 'http://127.0.0.1:3000')
    .option('--ledger-key <vkey>', "the ledger's verifier key (GET /v1/log/key: vkey), to check every receipt")
    .action(async (file: string, options: SubmitOptions) => {
      const key = options.ledgerKey === undefined ? undefined : ledgerKeyOf(options.ledgerKey);
      const body = parseJsonValue(file === '-' ? await io.readStdin() : readText(file), file);
      const batch = Array.isArray(body);
      const response = await postJson(`${options.url.replace(/\/$/, '')}/v1/acts${batch ? '/batch' : ''}`, batch ? { acts: body } : body);
      io.out(JSON.stringify(response.body, null, 2));
      const results: { status: number; receipt?: Receipt }[] = batch ? (response.body as { results: [] }).results ?? [] : [{ status: response.status, ...(response.body as object) }];
      if (key) checkReceipts(results, key);
      if (response.status >= 300 || results.some((r) => r.status >= 300)) throw new CliError('the ledger refused at least one act', 1);
    });
}

function checkReceipts(results: { status: number; receipt?: Receipt }[], key: VerifierKey): void {
  for (const { receipt } of results) {
    if (!receipt) continue;
    if (!receiptValid(receipt, key)) {
      throw new CliError(`the receipt for seq ${receipt.seq} is not signed by the pinned ledger key`, 1);
    }
  }
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
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

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function splitAssignment(text: string): [string, string] {
  const at = text.indexOf('=');
  if (at < 1) throw new CliError(`--commit takes path=value, got ${text}`, 2);
  return [text.slice(0, at), text.slice(at + 1)];
}

function parseJsonOption(text: string, source: string): Record<string, unknown> {
  const value = parseJsonValue(text, source);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new CliError(`${source} must be a JSON object`, 2);
  return value as Record<string, unknown>;
}

export function verifyCommand(io: CliIo): Command {
  return new Command('verify')
    .description('verify a case bundle offline against the pinned ledger key: exit 0 valid, 1 invalid, 2 unreadable')
    .argument('<bundle>', 'bundle file (GET /v1/cases/:id/bundle), or - for standard input')
    .requiredOption('--ledger-key <vkey>', "the ledger's verifier key (origin+keyid+base64), pinned out of band")
    .option('--as-of <time>', "re-judge the case as of this RFC 3339 time (default: the time of the ledger's signed judgement, which is then compared)")
    .option('--json', 'print the report as JSON')
    .action(async (file: string, options: { ledgerKey: string; asOf?: string; json?: boolean }) => {
      const key = ledgerKeyOf(options.ledgerKey);
      const asOf = options.asOf === undefined ? undefined : rfc3339(options.asOf, '--as-of');
      const bundle = parseJsonValue(file === '-' ? await io.readStdin() : readText(file), file);
      if ((bundle as { format?: unknown })?.format === DOSSIER_FORMAT) return verifyDossierFile(io, bundle, key, asOf, options.json);
      const report = verifyBundle(bundle, key, verifyStrictNode);
      // A valid v2 bundle is judged again from its entries: the verdict is recomputed, not taken on trust.
      const rejudged = report.ok && (bundle as CaseBundle).format === BUNDLE_FORMAT_V2 ? rejudgeBundle(bundle as CaseBundle, asOf) : undefined;
      if (options.json) io.out(JSON.stringify(rejudged ? { ...report, rejudgement: rejudgementJson(rejudged) } : report, null, 2));
      else io.out(rejudged ? formatCaseText(report, rejudged) : formatReport(report));
      if (!report.ok) throw new CliError(`the bundle is not valid (${report.failures.length} failure${report.failures.length === 1 ? '' : 's'})`, 1);
      if (rejudged?.failures.length) throw new CliError(`the bundle is authentic, but its judgement does not hold (${rejudged.failures.map((f) => f.code).join(', ')})`, 1);
    });
}

/** A dossier: every case verified and judged again, and the provider's standing per pack recomputed offline. */
function verifyDossierFile(io: CliIo, dossier: unknown, key: VerifierKey, asOf: string | undefined, json?: boolean): void {
  const report = verifyDossier(dossier, key, verifyStrictNode);
  const rejudged = report.ok ? rejudgeDossier(dossier as Dossier, asOf) : undefined;
  if (json) io.out(JSON.stringify({ ...report, ...(rejudged && { rejudgement: { asOf: rejudged.asOf, ok: rejudged.failures.length === 0, failures: rejudged.failures, compliance: rejudged.compliance } }) }, null, 2));
  else io.out(formatDossierText(report, rejudged));
  if (!report.ok) throw new CliError(`the dossier is not valid (${report.failures.length} failure${report.failures.length === 1 ? '' : 's'})`, 1);
  if (rejudged?.failures.length) throw new CliError(`the dossier is authentic, but ${rejudged.failures.length} judgement(s) do not hold`, 1);
}

export function formatDossierText(report: DossierReport, r: DossierRejudgement | undefined): string {
  const s = report.summary;
  const period = s ? `${s.from ? `from ${s.from} ` : ''}${s.to ? `to ${s.to}` : ''}`.trim() || 'all time' : '';
  const lines = s ? [`Dossier of ${s.provider}: ${s.cases} case(s) opened (${period}), checkpoint ${s.origin}, tree size ${s.treeSize}`] : [];
  if (!report.ok) {
    lines.push(`INVALID: ${report.failures.length} failure(s)`);
    for (const f of report.failures) lines.push(`  ${f.code.padEnd(20)} ${f.seq === undefined ? '' : `seq ${f.seq}: `}${f.message}`);
    return lines.join('\n');
  }
  lines.push('VALID: every entry canonical, signed, chained and included; every stream whole; the list of cases signed by the ledger.');
  const compared = r!.cases.filter((c) => c.compared).length;
  lines.push(r!.failures.length ? `Judgements: ${r!.failures.length} do not hold:` : `Judgements: ${r!.cases.length} recomputed from the entries alone${compared ? `; all ${compared} equal the ledger's signed claims` : ''}.`);
  for (const f of r!.failures) lines.push(`  ${f.code.padEnd(20)} ${f.message}`);
  lines.push('', formatCompliance(r!.compliance as ProviderCompliance, r!.repeatInfringers as RepeatInfringersView));
  return lines.join('\n');
}

function rejudgementJson(r: Rejudgement) {
  return { case: r.caseId, asOf: r.asOf, compared: r.compared, ok: r.failures.length === 0, failures: r.failures, judgement: r.judgement };
}

function rfc3339(text: string, option: string): string {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text) || !Number.isFinite(ms)) throw new CliError(`${option} must be an RFC 3339 time with its zone, e.g. 2026-11-30T12:00:00Z`, 2);
  return new Date(ms).toISOString();
}

function formatReport(report: BundleReport): string {
  const lines: string[] = [];
  if (report.summary) {
    const s = report.summary;
    lines.push(`checkpoint  ${s.origin}, tree size ${s.treeSize}, root ${s.root}`);
    lines.push(`stream      ${s.stream}: ${s.entries} entries by ${s.actors.join(', ')}`);
  }
  if (report.ok) lines.push('VALID: every entry is canonical, signed by its actor, chained, included in the signed checkpoint, and the stream head matches.');
  else {
    lines.push(`INVALID: ${report.failures.length} failure(s)`);
    for (const f of report.failures) lines.push(`  ${f.code.padEnd(20)} ${f.seq === undefined ? '' : `seq ${f.seq}: `}${f.message}`);
  }
  return lines.join('\n');
}
