import { parseVerifierKey, type VerifierKey } from '../audit/checkpoint.js';

/** The ledger key the reader pinned (from a source they trust), remembered by this browser. */
const STORE = 'harbor.ledgerKey';

export const NOT_A_KEY = '<p class="error">That is not a ledger key: paste the whole <code>origin+keyid+base64</code> string.</p>';

export function savedLedgerKey(): string {
  return localStorage.getItem(STORE) ?? '';
}

/** The key pasted, parsed and remembered; undefined when it is not a ledger key. */
export function pinLedgerKey(text: string): VerifierKey | undefined {
  const key = parseVerifierKey(text.trim());
  if (key) localStorage.setItem(STORE, text.trim());
  return key;
}
