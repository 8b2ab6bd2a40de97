import { canonicalBytes, canonicalizeWithAndWithout } from './canonical-json.js';
import { concatBytes, utf8 } from './encoding.js';

/** Domain separation: an act signature can never be replayed as a receipt, stream head or note. */
export const ACT_SIGNING_PREFIX = 'harbor-ledger/v1/act\n';

/**
 * The bytes a party signs: the prefix, then the RFC 8785 canonical JSON of the envelope without `sig`.
 * Precondition: the envelope is plain JSON (throws CanonicalJsonError otherwise).
 */
export function actSigningBytes(envelope: Record<string, unknown>): Uint8Array {
  return canonicalAct(envelope).signingBytes;
}

/**
 * Both canonical forms of an envelope from one serialization: the signing bytes (without `sig`) and
 * the canonical JSON of the whole envelope (with `sig`), which the ledger embeds in its entry.
 */
export function canonicalAct(envelope: Record<string, unknown>): { signingBytes: Uint8Array; canonical: string } {
  const forms = canonicalizeWithAndWithout(envelope, 'sig');
  return { signingBytes: concatBytes(utf8(ACT_SIGNING_PREFIX), utf8(forms.without)), canonical: forms.with };
}

/** Signing bytes for any ledger statement: `harbor-ledger/v1/<kind>\n` + canonical JSON. */
export function statementSigningBytes(kind: 'receipt' | 'stream-head' | 'key-possession' | 'judgement' | 'case-list', body: Record<string, unknown>): Uint8Array {
  return concatBytes(utf8(`harbor-ledger/v1/${kind}\n`), canonicalBytes(body));
}

/**
 * What a new key signs to prove that whoever rotates to it holds it: `harbor-ledger/v1/key-possession\n`
 * + canonical JSON of `{actor, id, publicKey}`. The act id binds the proof to one rotation, so a proof
 * can never be replayed to rotate another party, or the same party again, to a key it does not hold.
 */
export function keyPossessionBytes(actor: string, actId: string, publicKey: string): Uint8Array {
  return statementSigningBytes('key-possession', { actor, id: actId, publicKey });
}
