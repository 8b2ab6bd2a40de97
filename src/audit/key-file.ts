import { decodeBase64 } from './encoding.js';
import type { Ed25519KeyPair } from './ed25519-nacl.js';
import { isSmallOrderPoint } from './ed25519-rules.js';

/**
 * A party's key file, `{"publicKey": base64(32), "secretKey": base64(64)}` (tweetnacl's layout, as
 * `harbor keys new` writes it), read from its text: by the CLI from a file, by the console in the
 * browser. Returns the key pair, or why the text is not one (each caller says it in its own words).
 */
export type KeyFileProblem = { problem: 'not_json'; detail: string } | { problem: 'not_a_key_file' } | { problem: 'small_order_key' };

export function parseKeyFile(text: string): Ed25519KeyPair | KeyFileProblem {
  let parsed: { publicKey?: string; secretKey?: string } | null;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { problem: 'not_json', detail: (error as Error).message };
  }
  const publicKey = decodeBase64(parsed?.publicKey ?? '');
  const secretKey = decodeBase64(parsed?.secretKey ?? '');
  if (publicKey?.length !== 32 || secretKey?.length !== 64 || !secretKey.subarray(32).every((b, i) => b === publicKey[i])) {
    return { problem: 'not_a_key_file' };
  }
  if (isSmallOrderPoint(publicKey)) return { problem: 'small_order_key' };
  return { publicKey, secretKey };
}
