import { fromHex } from './encoding.js';
/**
 * The strict Ed25519 acceptance rule shared by every verifier of the project (server, CLI, offline
 * verifier, browser): the signature verifies, S < L, and neither the public key nor R is a point of
 * small order. Libraries disagree on these edges (tweetnacl accepts S >= L, OpenSSL accepts
 * small-order keys), so the rules are applied here, before any library is asked.
 */

export const PUBLIC_KEY_LENGTH = 32;
export const SIGNATURE_LENGTH = 64;

/** The group order L = 2^252 + 27742317777372353535851937790883648493, little-endian. */
const L = Uint8Array.from([
  0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
  0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
]);

/**
 * Every encoding (sign bit cleared) that decodes to one of the 8 points of small order: y = 0, 1,
 * p-1, the two order-8 y values, and the non-canonical p and p+1 (y < 19 has a second encoding y + p).
 * The same list libsodium uses in ge25519_has_small_order.
 */
const SMALL_ORDER_ENCODINGS: readonly Uint8Array[] = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
].map(fromHex);

/** True when the 32-byte point encoding decodes to a point of small order (sign bit ignored). */
export function isSmallOrderPoint(encoded: Uint8Array): boolean {
  if (encoded.length !== 32) throw new TypeError(`point must be 32 bytes, got ${encoded.length}`);
  return SMALL_ORDER_ENCODINGS.some((candidate) => {
    for (let i = 0; i < 31; i++) if (candidate[i] !== encoded[i]) return false;
    return candidate[31] === (encoded[31] & 0x7f);
  });
}

/** True when the scalar S (little-endian 32 bytes) is below the group order L. */
export function isCanonicalScalar(s: Uint8Array): boolean {
  if (s.length !== 32) throw new TypeError(`scalar must be 32 bytes, got ${s.length}`);
  for (let i = 31; i >= 0; i--) {
    if (s[i] < L[i]) return true;
    if (s[i] > L[i]) return false;
  }
  return false; // S == L
}

/** The checks that come before the curve arithmetic; false means reject whatever a library says. */
export function passesStrictPrechecks(publicKey: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== PUBLIC_KEY_LENGTH || signature.length !== SIGNATURE_LENGTH) return false;
  return (
    isCanonicalScalar(signature.subarray(32, 64)) &&
    !isSmallOrderPoint(signature.subarray(0, 32)) &&
    !isSmallOrderPoint(publicKey)
  );
}
