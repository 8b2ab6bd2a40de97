import { Command } from 'commander';
import { openCheckpoint, parseVerifierKey, type VerifierKey } from '../audit/checkpoint.js';
import { decodeBase64, toHex } from '../audit/encoding.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { receiptSigningBytes, type Receipt } from '../audit/receipt.js';
import { CliError, parseJsonValue, readText, type CliIo } from './io.js';

/** The one ledger key format of every command: the verifier key `origin+keyid+base64`, as GET /v1/log/key gives it (vkey). */
export function ledgerKeyOf(text: string): VerifierKey {
  const key = parseVerifierKey(text);
  if (!key) throw new CliError('--ledger-key must be the verifier key origin+keyid+base64(0x01 ‖ key), as GET /v1/log/key gives it (vkey)', 2);
  return key;
}

/** Whether the ledger key signed this receipt. */
export function receiptValid(receipt: Receipt, key: VerifierKey): boolean {
  const sig = decodeBase64(receipt.sig ?? '');
  return !!sig && verifyStrictNode(key.publicKey, receiptSigningBytes(receipt), sig);
}

/** `harbor check receipt|checkpoint`: offline checks of what the ledger signed. */
export function checkCommand(io: CliIo): Command {
  const check = new Command('check').description("offline checks of what the ledger signed: a receipt, a checkpoint");
  check
    .command('receipt')
    .description('check a receipt (or the answer of harbor submit holding one) against the pinned ledger key: exit 0 valid, 1 not')
    .argument('<file>', 'JSON file, or - for standard input')
    .requiredOption('--ledger-key <vkey>', "the ledger's verifier key, pinned out of band")
    .action(async (file: string, options: { ledgerKey: string }) => {
      const key = ledgerKeyOf(options.ledgerKey);
      const value = parseJsonValue(file === '-' ? await io.readStdin() : readText(file), file) as { receipt?: Receipt } & Partial<Receipt>;
      const receipt = (value?.receipt ?? value) as Receipt;
      if (typeof receipt?.log !== 'string' || !Number.isSafeInteger(receipt.seq) || typeof receipt.recordedAt !== 'string' || typeof receipt.leaf !== 'string' || typeof receipt.sig !== 'string') {
        throw new CliError(`${file} holds no receipt {log, seq, recordedAt, leaf, sig}`, 2);
      }
      if (receipt.log !== key.name) throw new CliError(`the receipt is of log ${receipt.log}; the key is of ${key.name}`, 1);
      if (!receiptValid(receipt, key)) throw new CliError(`the receipt for seq ${receipt.seq} is not signed by the pinned ledger key`, 1);
      io.out(`VALID: ${receipt.log} recorded the act with leaf ${receipt.leaf} at seq ${receipt.seq}, at ${receipt.recordedAt}`);
    });
  check
    .command('checkpoint')
    .description("check a checkpoint (a signed note) against the pinned ledger key: the file, or the ledger's latest with --url")
    .argument('[file]', 'the note (GET /v1/log/checkpoint), or - for standard input')
    .option('-u, --url <url>', 'fetch the latest checkpoint from this ledger instead')
    .requiredOption('--ledger-key <vkey>', "the ledger's verifier key, pinned out of band")
    .action(async (file: string | undefined, options: { url?: string; ledgerKey: string }) => {
      const key = ledgerKeyOf(options.ledgerKey);
      if (!file && !options.url) throw new CliError('give a checkpoint file (or -) or --url', 2);
      const note = options.url ? await fetchNote(options.url) : file === '-' ? await io.readStdin() : readText(file!);
      const opened = openCheckpoint(note, key, verifyStrictNode);
      if (!opened.ok) throw new CliError(`the checkpoint is not signed by the pinned ledger key: ${opened.reason}`, 1);
      io.out(`VALID: ${opened.checkpoint.origin} has ${opened.checkpoint.size} entries, root ${toHex(opened.checkpoint.root)}`);
    });
  return check;
}

async function fetchNote(url: string): Promise<string> {
  const target = `${url.replace(/\/$/, '')}/v1/log/checkpoint`;
  try {
    const res = await fetch(target, { headers: { accept: 'text/plain' } });
    if (!res.ok) throw new CliError(`${target}: ${res.status}`, 2);
    return await res.text();
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(`cannot reach ${target}: ${(error as Error).cause ?? (error as Error).message}`, 2);
  }
}
