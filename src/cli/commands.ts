import { randomUUID } from 'node:crypto';
import { Command, Option } from 'commander';
import { encodeBase64 } from '../audit/encoding.js';
import type { Receipt } from '../audit/receipt.js';
import type { VerifierKey } from '../audit/checkpoint.js';
import { commitPersonalData, keyRotationData, signAct } from '../client/sign-act.js';
import { ACT_TYPES, parseAct, type ActType } from '../domain/acts/envelope.js';
import { LedgerError } from '../domain/errors.js';
import { ledgerKeyOf, receiptValid } from './check.command.js';
import { witnessRequirement, checkEvidence, evidenceJson, evidenceText } from './evidence.js';
import { CliError, parseJsonValue, readText, type CliIo } from './io.js';
import { readKeyFile, writeNewKeyFile } from './key-file.js';
import { ledgerUrl, postJson } from './report.command.js';

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
      const response = await postJson(`${ledgerUrl(options.url)}/v1/acts${batch ? '/batch' : ''}`, batch ? { acts: body } : body);
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
    .option('--witness <vkey>', "a witness's key (repeat for more): the checkpoint must carry its cosignature (C2SP cosignature/v1)", (value: string, all: string[] = []) => [...all, value])
    .option('--min-witnesses <k>', 'how many of the --witness keys must have cosigned (default 1)')
    .action(async (file: string, options: { ledgerKey: string; asOf?: string; json?: boolean; witness?: string[]; minWitnesses?: string }) => {
      const checked = await checkEvidence(io, file, options.ledgerKey, options.asOf, witnessRequirement(options.witness, options.minWitnesses));
      io.out(options.json ? JSON.stringify(evidenceJson(checked), null, 2) : evidenceText(checked));
      const { report, rejudged } = checked;
      const what = checked.kind === 'bundle' ? 'bundle' : 'dossier';
      if (!report.ok) throw new CliError(`the ${what} is not valid (${report.failures.length} failure${report.failures.length === 1 ? '' : 's'})`, 1);
      if (rejudged?.failures.length) {
        throw new CliError(checked.kind === 'bundle' ? `the bundle is authentic, but its judgement does not hold (${rejudged.failures.map((f) => f.code).join(', ')})` : `the dossier is authentic, but ${rejudged.failures.length} judgement(s) do not hold`, 1);
      }
    });
}





