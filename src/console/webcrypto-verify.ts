import { verifyStrictNacl } from '../audit/ed25519-nacl.js';
import { toHex } from '../audit/encoding.js';
import { passesStrictPrechecks } from '../audit/ed25519-rules.js';
import type { StrictVerify } from '../audit/ed25519-verify.js';

type Asked = { publicKey: Uint8Array; message: Uint8Array; signature: Uint8Array; ok?: boolean };

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The Ed25519 math by the browser's WebCrypto, after the same strict prechecks as every verifier here. */
async function verifyWebCrypto({ publicKey, message, signature }: Asked): Promise<boolean> {
  if (!passesStrictPrechecks(publicKey, signature)) return false;
  const key = await crypto.subtle.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, signature as BufferSource, message as BufferSource);
}

/**
 * Runs a synchronous check with every signature it asks for already verified by WebCrypto, in
 * parallel: a first pass notes what the check asks (answering yes), the browser verifies all of it,
 * and the second pass reads the answers. Anything the second pass asks that the first did not (its
 * path may differ where a signature failed) is verified there and then with tweetnacl, so the verdict
 * never rests on the first pass. Without WebCrypto's Ed25519, tweetnacl does it all.
 */
export async function withWebCrypto<T>(check: (verify: StrictVerify) => T): Promise<T> {
  const asked = new Map<string, Asked[]>();
  check((publicKey, message, signature) => {
    const key = toHex(signature);
    asked.set(key, [...(asked.get(key) ?? []), { publicKey, message, signature }]);
    return true;
  });
  try {
    await Promise.all([...asked.values()].flat().map(async (a) => (a.ok = await verifyWebCrypto(a))));
  } catch {
    return check(verifyStrictNacl);
  }
  return check((publicKey, message, signature) => {
    const found = asked.get(toHex(signature))?.find((a) => same(a.publicKey, publicKey) && same(a.message, message));
    return found?.ok ?? verifyStrictNacl(publicKey, message, signature);
  });
}
