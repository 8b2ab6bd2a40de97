import { readFileSync, writeFileSync } from 'node:fs';
import { decodeBase64, encodeBase64 } from '../audit/encoding.js';
import { newKeyPair, type Ed25519KeyPair } from '../audit/ed25519-nacl.js';
import { isSmallOrderPoint } from '../audit/ed25519-rules.js';
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
  let parsed: { publicKey?: string; secretKey?: string };
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`cannot read key file ${path}: ${(error as Error).message}`, 2);
  }
  const publicKey = decodeBase64(parsed.publicKey ?? '');
  const secretKey = decodeBase64(parsed.secretKey ?? '');
  if (publicKey?.length !== 32 || secretKey?.length !== 64 || !Buffer.from(secretKey.subarray(32)).equals(Buffer.from(publicKey))) {
    throw new CliError(`${path} is not a harbor key file (publicKey: 32 bytes, secretKey: 64 bytes, base64)`, 2);
  }
  if (isSmallOrderPoint(publicKey)) throw new CliError(`${path} holds a small-order key, which the ledger refuses`, 2);
  return { publicKey, secretKey };
}
