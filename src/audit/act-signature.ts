import { canonicalBytes } from './canonical-json.js';
import { concatBytes, utf8 } from './encoding.js';

/** Domain separation: an act signature can never be replayed as a receipt, stream head or note. */
export const ACT_SIGNING_PREFIX = 'harbor-ledger/v1/act\n';

/**
 * The bytes a party signs: the prefix, then the RFC 8785 canonical JSON of the envelope without `sig`.
 * Precondition: the envelope is plain JSON (throws CanonicalJsonError otherwise).
 */
export function actSigningBytes(envelope: Record<string, unknown>): Uint8Array {
  const { sig: _sig, ...unsigned } = envelope;
  return concatBytes(utf8(ACT_SIGNING_PREFIX), canonicalBytes(unsigned));
}

/** Signing bytes for any ledger statement: `harbor-ledger/v1/<kind>\n` + canonical JSON. */
export function statementSigningBytes(kind: 'receipt' | 'stream-head', body: Record<string, unknown>): Uint8Array {
  return concatBytes(utf8(`harbor-ledger/v1/${kind}\n`), canonicalBytes(body));
}
