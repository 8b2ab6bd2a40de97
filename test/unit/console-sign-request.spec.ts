import { describe, expect, it } from 'vitest';
import { newKeyPair } from '../../src/audit/ed25519-nacl.js';
import { signatureHeaders } from '../../src/client/sign-request.js';
import { signatureFields } from '../../src/console/sign-request.js';

/** The console signs requests without Node's Buffer; what it sends must be what the CLI's library sends. */
describe('the console’s request signature (RFC 9421), against http-message-signatures', () => {
  const keys = newKeyPair();
  it.each([
    ['GET', 'http://127.0.0.1:3000/v1/cases/c-1/bundle?disclose=true', 'holder'],
    ['get', 'https://ledger.example/v1/access-log?subject=a%20b', 'party.with-dots:1'],
  ])('%s %s as %s: the same two fields', async (method, url, partyId) => {
    const options = { created: new Date('2026-11-30T12:00:00.000Z'), nonce: 'n0nce-of-sixteen-chars' };
    const library = await signatureHeaders({ method, url }, { partyId, secretKey: keys.secretKey }, options);
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
