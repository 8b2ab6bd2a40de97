import { decodeBase64, encodeBase64 } from '../audit/encoding.js';
import { parseKeyFile } from '../audit/key-file.js';

/** The party the console signs as: its id and secret key, kept in this tab's session storage only. */
export interface Session {
  partyId: string;
  secretKey: Uint8Array;
}

const STORE = 'harbor.session';

export function currentSession(): Session | undefined {
  const saved = sessionStorage.getItem(STORE);
  if (!saved) return undefined;
  const { partyId, secretKey } = JSON.parse(saved) as { partyId: string; secretKey: string };
  return { partyId, secretKey: decodeBase64(secretKey)! };
}

/** Reads a harbor key file (`{"publicKey", "secretKey"}`, as `harbor keys new` writes it) in the browser; refuses anything else. */
export function signIn(partyId: string, keyFileText: string): Session {
  const parsed = parseKeyFile(keyFileText);
  if ('problem' in parsed) {
    throw new Error(parsed.problem === 'small_order_key' ? 'that key file holds a small-order key, which the ledger refuses' : 'that file is not a harbor key file (publicKey: 32 bytes, secretKey: 64 bytes, base64)');
  }
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(partyId)) throw new Error('give your party id (letters, digits and . _ : -)');
  sessionStorage.setItem(STORE, JSON.stringify({ partyId, secretKey: encodeBase64(parsed.secretKey) }));
  return { partyId, secretKey: parsed.secretKey };
}

export function signOut(): void {
  sessionStorage.removeItem(STORE);
}
