import { describe, expect, it } from 'vitest';
import { httpbis } from 'http-message-signatures';
import { newKeyPair, signNacl } from '../../src/audit/ed25519-nacl.js';
import { signatureFields } from '../../src/audit/request-signature.js';

/** What the library the server verifies with would send for the same request (RFC 9421). */
async function librarySigns(request: { method: string; url: string }, signer: { partyId: string; secretKey: Uint8Array }, options: { created: Date; nonce: string }) {
  const signed = await httpbis.signMessage(
    {
      key: { id: signer.partyId, alg: 'ed25519', sign: async (base) => Buffer.from(signNacl(signer.secretKey, base)) },
      fields: ['@method', '@target-uri'],
      params: ['created', 'keyid', 'nonce', 'alg'],
      paramValues: options,
    },
    { method: request.method.toUpperCase(), url: request.url, headers: {} as Record<string, string> },
  );
  return { 'signature-input': String(signed.headers['Signature-Input']), signature: String(signed.headers.Signature) };
}

/** The CLI and the console sign requests with one portable signer; what it sends must be what http-message-signatures sends. */
describe('the request signature (RFC 9421), against http-message-signatures', () => {
  const keys = newKeyPair();
  it.each([
    ['GET', 'http://127.0.0.1:3000/v1/cases/c-1/bundle?disclose=true', 'holder'],
    ['get', 'https://ledger.example/v1/access-log?subject=a%20b', 'party.with-dots:1'],
  ])('%s %s as %s: the same two fields', async (method, url, partyId) => {
    const options = { created: new Date('2026-11-30T12:00:00.000Z'), nonce: 'n0nce-of-sixteen-chars' };
    const library = await librarySigns({ method, url }, { partyId, secretKey: keys.secretKey }, options);
    expect(signatureFields({ method, url }, { partyId, secretKey: keys.secretKey }, options)).toEqual(library);
  });

  it('makes a new nonce for each request', () => {
    const signer = { partyId: 'p', secretKey: keys.secretKey };
    const a = signatureFields({ method: 'GET', url: 'http://x/' }, signer)['signature-input'];
    const b = signatureFields({ method: 'GET', url: 'http://x/' }, signer)['signature-input'];
    expect(a).not.toBe(b);
    expect(a).toMatch(/;nonce="[A-Za-z0-9_-]{24}";/);
  });
});
