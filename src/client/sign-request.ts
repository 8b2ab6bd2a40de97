import { httpbis } from 'http-message-signatures';
import { signNacl } from '../audit/ed25519-nacl.js';

/** The components every request to the ledger signs: its method and whole URL (README "Signed requests"). */
export const SIGNED_COMPONENTS = ['@method', '@target-uri'];

export interface RequestSigner {
  /** The party id: the signature's keyid. */
  partyId: string;
  secretKey: Uint8Array;
}

/**
 * Signs a request per RFC 9421 with the party's Ed25519 key: label `sig`, covering `@method` and
 * `@target-uri`, with `created`, `keyid` (the party id), a fresh random `nonce` and `alg="ed25519"`.
 * Returns the two header fields to add.
 */
export async function signatureHeaders(
  request: { method: string; url: string },
  signer: RequestSigner,
  options: { created?: Date; nonce?: string } = {},
): Promise<{ 'signature-input': string; signature: string }> {
  const signed = await httpbis.signMessage(
    {
      key: { id: signer.partyId, alg: 'ed25519', sign: async (base) => Buffer.from(signNacl(signer.secretKey, base)) },
      fields: SIGNED_COMPONENTS,
      params: ['created', 'keyid', 'nonce', 'alg'],
      paramValues: { created: options.created ?? new Date(), nonce: options.nonce ?? newNonce() },
    },
    { method: request.method.toUpperCase(), url: request.url, headers: {} as Record<string, string> },
  );
  return { 'signature-input': String(signed.headers['Signature-Input']), signature: String(signed.headers.Signature) };
}

/** fetch, signed when a signer is given. */
export async function signedFetch(url: string, init: RequestInit & { signer?: RequestSigner } = {}): Promise<Response> {
  const { signer, ...rest } = init;
  if (!signer) return fetch(url, rest);
  const headers = new Headers(rest.headers);
  for (const [name, value] of Object.entries(await signatureHeaders({ method: rest.method ?? 'GET', url }, signer))) headers.set(name, value);
  return fetch(url, { ...rest, headers });
}

/** 18 random bytes, base64url: Web Crypto, so that the same code signs in a browser. */
function newNonce(): string {
  return Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(18))).toString('base64url');
}
