import { signatureFields } from '../audit/request-signature.js';

export interface RequestSigner {
  /** The party id: the signature's keyid. */
  partyId: string;
  secretKey: Uint8Array;
}

/**
 * Signs a request per RFC 9421 with the party's Ed25519 key: label `sig`, covering `@method` and
 * `@target-uri`, with `created`, `keyid` (the party id), a fresh random `nonce` and `alg="ed25519"`.
 * Returns the two header fields to add (src/audit/request-signature.ts makes them).
 */
export async function signatureHeaders(
  request: { method: string; url: string },
  signer: RequestSigner,
  options: { created?: Date; nonce?: string } = {},
): Promise<{ 'signature-input': string; signature: string }> {
  return signatureFields(request, signer, options);
}

/** fetch, signed when a signer is given. */
export async function signedFetch(url: string, init: RequestInit & { signer?: RequestSigner } = {}): Promise<Response> {
  const { signer, ...rest } = init;
  if (!signer) return fetch(url, rest);
  const headers = new Headers(rest.headers);
  for (const [name, value] of Object.entries(await signatureHeaders({ method: rest.method ?? 'GET', url }, signer))) headers.set(name, value);
  return fetch(url, { ...rest, headers });
}
