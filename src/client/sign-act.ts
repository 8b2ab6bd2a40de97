import { randomUUID } from 'node:crypto';
import { actSigningBytes, keyPossessionBytes } from '../audit/act-signature.js';
import { commit } from '../audit/commitment.js';
import { decodeBase64, encodeBase64 } from '../audit/encoding.js';
import { signNacl } from '../audit/ed25519-nacl.js';
import type { Act, ActType } from '../domain/acts/envelope.js';
import type { Disclosure } from '../domain/acts/disclosures.js';

export interface UnsignedAct {
  type: ActType;
  actor: string;
  case?: string;
  data: Record<string, unknown>;
  /** Defaults to a fresh UUID. */
  id?: string;
  /** Defaults to now. */
  at?: string;
}

/** Builds and signs an act envelope with tweetnacl, as a party's client does (DESIGN.md §3.1). */
/** `sign` is tweetnacl's unless given another (Ed25519 is deterministic: any correct signer gives the same bytes). */
export function signAct(unsigned: UnsignedAct, secretKey: Uint8Array, sign: (secretKey: Uint8Array, message: Uint8Array) => Uint8Array = signNacl): Act {
  const envelope: Record<string, unknown> = {
    v: 1,
    id: unsigned.id ?? randomUUID(),
    type: unsigned.type,
    ...(unsigned.case === undefined ? {} : { case: unsigned.case }),
    actor: unsigned.actor,
    at: unsigned.at ?? new Date().toISOString(),
    data: unsigned.data,
  };
  envelope.sig = encodeBase64(sign(secretKey, actSigningBytes(envelope)));
  return envelope as unknown as Act;
}

/**
 * Data of a `party.key_rotated` act: the new public key and its proof of possession, the new key's
 * signature over keyPossessionBytes(actor, act id, publicKey). The act must carry that id.
 */
export function keyRotationData(actor: string, actId: string, next: { publicKey: Uint8Array; secretKey: Uint8Array }): { publicKey: string; proof: string } {
  const publicKey = encodeBase64(next.publicKey);
  return { publicKey, proof: encodeBase64(signNacl(next.secretKey, keyPossessionBytes(actor, actId, publicKey))) };
}

/**
 * Replaces clear personal data at the given paths of `data` with salted commitments, returning the
 * disclosures to send beside the act (DESIGN.md §3.2). Paths are relative to the act: `data.claimant.contact`.
 */
export function commitPersonalData(data: Record<string, unknown>, values: Record<string, string>): { data: Record<string, unknown>; disclosures: Disclosure[] } {
  const copy = structuredClone(data);
  const disclosures: Disclosure[] = [];
  for (const [path, value] of Object.entries(values)) {
    const keys = path.split('.');
    if (keys[0] !== 'data' || keys.length < 2) throw new TypeError(`path must start with data.: ${path}`);
    let node = copy;
    for (const key of keys.slice(1, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
    const c = commit(value);
    node[keys.at(-1) as string] = c.commitment;
    disclosures.push({ path, value, salt: c.salt });
  }
  return { data: copy, disclosures };
}

export function secretKeyFromBase64(text: string): Uint8Array {
  const key = decodeBase64(text);
  if (!key || key.length !== 64) throw new TypeError('secretKey must be 64 bytes of standard base64 (tweetnacl secret key)');
  return key;
}
