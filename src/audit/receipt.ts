import { statementSigningBytes } from './act-signature.js';

/** What the ledger signs for every accepted act (DESIGN.md §3.3). */
export interface ReceiptBody {
  log: string;
  seq: number;
  recordedAt: string;
  /** Lowercase hex leaf hash of the entry. */
  leaf: string;
}

export interface Receipt extends ReceiptBody {
  /** Standard base64 Ed25519 signature by the ledger key over receiptSigningBytes. */
  sig: string;
}

export function receiptSigningBytes(body: ReceiptBody): Uint8Array {
  const { log, seq, recordedAt, leaf } = body;
  return statementSigningBytes('receipt', { log, seq, recordedAt, leaf });
}
