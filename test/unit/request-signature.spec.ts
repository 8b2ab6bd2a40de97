import { httpbis } from 'http-message-signatures';
import nacl from 'tweetnacl';
import { describe, expect, it } from 'vitest';
import { keyPairFromSeed } from '../../src/audit/ed25519-nacl.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { encodeBase64 } from '../../src/audit/encoding.js';
import { NonceGuard, RequestAuthenticator } from '../../src/application/request-auth.js';
import { signatureHeaders } from '../../src/client/sign-request.js';
import { initialPartyState, type PartyState } from '../../src/domain/party/state.js';

/** RFC 9421 Appendix B.1.4, test-key-ed25519 (the JWK's d and x). */
const RFC_KEY = keyPairFromSeed(Buffer.from('n4Ni-HpISpVObnQMW0wOhCKROaIKqKtW_2ZYb2p9KcU', 'base64url'));
const RFC_PUBLIC = Buffer.from('JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs', 'base64url');

describe('RFC 9421 signatures', () => {
  it('derives the RFC’s test key from its private half', () => {
    expect(Buffer.from(RFC_KEY.publicKey).equals(RFC_PUBLIC)).toBe(true);
  });

  it('verifies the RFC’s own example B.2.6 (ed25519) with the library the ledger uses', async () => {
    const request = {
      method: 'POST',
      url: 'https://example.com/foo?param=Value&Pet=dog',
      headers: {
        host: 'example.com',
        date: 'Tue, 20 Apr 2021 02:07:55 GMT',
        'content-type': 'application/json',
        'content-length': '18',
        'signature-input': 'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
        signature: 'sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:',
      },
    };
    const verify = (publicKey: Uint8Array) => httpbis.verifyMessage({ keyLookup: async () => ({ id: 'test-key-ed25519', algs: ['ed25519'], verify: async (data, sig) => verifyStrictNode(publicKey, data, sig) }), notAfter: 1618884473 }, request);
    expect(await verify(RFC_PUBLIC)).toBe(true);
    expect(await verify(nacl.sign.keyPair().publicKey)).toBe(false);
  });

  it('signs @method and @target-uri with created, keyid, nonce and alg, over the base RFC 9421 §2.5 defines', async () => {
    const headers = await signatureHeaders({ method: 'get', url: 'https://example.com/v1/cases/c-1?disclose=true' }, { partyId: 'acme-records', secretKey: RFC_KEY.secretKey }, { created: new Date(1618884473_000), nonce: 'b3k2pp5k7z-50gnwp.yemd' });
    const params = '("@method" "@target-uri");created=1618884473;keyid="acme-records";nonce="b3k2pp5k7z-50gnwp.yemd";alg="ed25519"';
    expect(headers['signature-input']).toBe(`sig=${params}`);
    // The signature base written out by hand from §2.5, checked with tweetnacl.
    const base = `"@method": GET\n"@target-uri": https://example.com/v1/cases/c-1?disclose=true\n"@signature-params": ${params}`;
    const signature = Buffer.from(headers.signature.slice('sig=:'.length, -1), 'base64');
    expect(nacl.sign.detached.verify(Buffer.from(base), signature, RFC_KEY.publicKey)).toBe(true);
  });
});

describe('RequestAuthenticator', () => {
  const holder = keyPairFromSeed(new Uint8Array(32).fill(7));
  const state: PartyState = { ...initialPartyState('acme'), registered: true, keys: [{ publicKey: encodeBase64(holder.publicKey), fromSeq: 0, fromRecordedAt: '' }] };
  const now = 1_800_000_000_000;
  const auth = (guard = new NonceGuard(100, () => now)) => new RequestAuthenticator(async (id) => (id === 'acme' ? state : undefined), guard, { maxAgeSeconds: 300, futureSkewSeconds: 30 }, () => now);
  const url = 'http://ledger.test/v1/access-log';
  const signed = async (options: { created?: Date; nonce?: string } = {}) => ({ method: 'GET', url, headers: await signatureHeaders({ method: 'GET', url }, { partyId: 'acme', secretKey: holder.secretKey }, { created: new Date(now), ...options }) });

  it('reads an unsigned request as anonymous and a signed one as its party', async () => {
    expect(await auth().reader({ method: 'GET', url, headers: {} })).toEqual({ kind: 'anonymous' });
    expect(await auth().reader(await signed())).toEqual({ kind: 'party', party: state });
  });

  it('accepts created up to the window’s edges and refuses past them', async () => {
    expect((await auth().reader(await signed({ created: new Date(now - 300_000) }))).kind).toBe('party');
    await expect(auth().reader(await signed({ created: new Date(now - 301_000) }))).rejects.toMatchObject({ code: 'unauthenticated', message: expect.stringMatching(/expired/) });
    expect((await auth().reader(await signed({ created: new Date(now + 30_000) }))).kind).toBe('party');
    await expect(auth().reader(await signed({ created: new Date(now + 31_000) }))).rejects.toMatchObject({ message: expect.stringMatching(/ahead/) });
  });

  it('refuses two signatures at once, and a Signature whose label differs from its input', async () => {
    const one = await signed();
    await expect(auth().reader({ ...one, headers: { ...one.headers, 'signature-input': `${one.headers['signature-input']}, sig2=("@method");created=1;keyid="acme";nonce="aaaaaaaaaaaaaaaa"` } })).rejects.toMatchObject({ message: expect.stringMatching(/exactly one/) });
    await expect(auth().reader({ ...one, headers: { ...one.headers, signature: one.headers.signature.replace(/^sig=/, 'other=') } })).rejects.toMatchObject({ message: expect.stringMatching(/exactly the signature sig/) });
  });

  it('refuses a signature that leaves out the target URI', async () => {
    const headers = await (async () => {
      const { signature, ...rest } = await signatureHeaders({ method: 'GET', url }, { partyId: 'acme', secretKey: holder.secretKey }, { created: new Date(now) });
      return { signature, 'signature-input': rest['signature-input'].replace(' "@target-uri"', '') };
    })();
    await expect(auth().reader({ method: 'GET', url, headers })).rejects.toMatchObject({ message: expect.stringMatching(/must cover @target-uri/) });
  });

  it('remembers nonces while fresh, forgets them after, and refuses new ones when full of fresh ones', () => {
    let clock = now;
    const guard = new NonceGuard(2, () => clock);
    expect(guard.firstUse('a', 'n1', now + 1000)).toBe(true);
    expect(guard.firstUse('a', 'n1', now + 1000)).toBe(false);
    expect(guard.firstUse('b', 'n1', now + 1000)).toBe(true);
    expect(() => guard.firstUse('a', 'n2', now + 1000)).toThrow(/too many signed requests/);
    clock = now + 1001;
    expect(guard.firstUse('a', 'n2', now + 5000)).toBe(true);
    expect(guard.firstUse('a', 'n1', now + 5000)).toBe(true);
  });
});
