import { readFileSync, writeFileSync } from 'node:fs';
import { encodeBase64 } from '../audit/encoding.js';
import { parseKeyFile } from '../audit/key-file.js';
import { newKeyPair, type Ed25519KeyPair } from '../audit/ed25519-nacl.js';
import { CliError } from './io.js';

/** A party's key file: `{"publicKey": base64(32), "secretKey": base64(64)}` (tweetnacl's layout), mode 0600. */
export function writeNewKeyFile(path: string | undefined): { pair: Ed25519KeyPair; text: string } {
  const pair = newKeyPair();
  const text = `${JSON.stringify({ publicKey: encodeBase64(pair.publicKey), secretKey: encodeBase64(pair.secretKey) }, null, 2)}\n`;
  if (path) {
    try {
      writeFileSync(path, text, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      throw new CliError(`cannot write ${path}: ${(error as Error).message}`, 2);
    }
  }
  return { pair, text };
}

export function readKeyFile(path: string): Ed25519KeyPair {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read key file ${path}: ${(error as Error).message}`, 2);
  }
  const parsed = parseKeyFile(text);
  if (!('problem' in parsed)) return parsed;
  if (parsed.problem === 'not_json') throw new CliError(`cannot read key file ${path}: ${parsed.detail}`, 2);
  if (parsed.problem === 'small_order_key') throw new CliError(`${path} holds a small-order key, which the ledger refuses`, 2);
  throw new CliError(`${path} is not a harbor key file (publicKey: 32 bytes, secretKey: 64 bytes, base64)`, 2);
}
