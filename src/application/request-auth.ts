import { httpbis } from 'http-message-signatures';
import { isInnerList, parseDictionary, Token, type Dictionary, type InnerList } from 'structured-headers';
import { decodeBase64 } from '../audit/encoding.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { LedgerError } from '../domain/errors.js';
import { currentKey, type PartyState } from '../domain/party/state.js';
import type { Reader } from '../domain/read-rules.js';

/** A request as the authenticator sees it: the absolute URL the client addressed, and its headers. */
export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
}

export interface RequestAuthOptions {
  /** How old a signature's `created` may be. */
  maxAgeSeconds: number;
  /** How far ahead of this clock a client's `created` may be (clocks differ). */
  futureSkewSeconds: number;
}

/** What every signed request must cover: the method and the whole target URI (RFC 9421 §2.2). */
export const REQUIRED_COMPONENTS = ['@method', '@target-uri'] as const;

const refuse = (message: string) => new LedgerError('unauthenticated', message, 'signature');

/**
 * Authenticates requests signed per RFC 9421 (HTTP Message Signatures) with a party's Ed25519 key:
 * one signature, `keyid` = the party id, covering `@method` and `@target-uri`, with `created` (fresh)
 * and a `nonce` (never accepted twice while the signature is fresh). A request without a signature
 * is anonymous; one with a bad, stale, replayed or unknown-key signature is refused, never downgraded.
 */
export class RequestAuthenticator {
  constructor(
    private readonly partyOf: (id: string) => Promise<PartyState | undefined>,
    private readonly nonces: NonceGuard,
    private readonly options: RequestAuthOptions,
    private readonly nowMs: () => number = Date.now,
  ) {}

  async reader(request: SignedRequest): Promise<Reader> {
    const input = header(request, 'signature-input');
    const signature = header(request, 'signature');
    if (input === undefined && signature === undefined) return { kind: 'anonymous' };
    if (input === undefined || signature === undefined) throw refuse('a signed request carries both Signature-Input and Signature');
    const { label, keyid, nonce, created } = this.checkedInput(input);
    checkOneSignature(signature, label);
    const party = await this.partyOf(keyid);
    const key = party?.registered ? decodeBase64(currentKey(party) ?? '') : undefined;
    if (!party || !key) throw refuse(`keyid ${JSON.stringify(keyid)} is not a registered party`);
    const valid = await httpbis
      .verifyMessage(
        {
          keyLookup: async () => ({ id: keyid, algs: ['ed25519'], verify: async (data, sig) => verifyStrictNode(key, data, sig) }),
          requiredFields: [...REQUIRED_COMPONENTS],
          requiredParams: ['created', 'keyid', 'nonce'],
          // Freshness was judged above, on this authenticator's clock.
          notAfter: Number.POSITIVE_INFINITY,
        },
        { method: request.method, url: request.url, headers: definedHeaders(request) },
      )
      .catch((error: Error) => {
        throw refuse(`the signature cannot be checked: ${error.message}`);
      });
    if (valid !== true) throw refuse(`the signature does not verify with ${keyid}'s current key over this method and URL`);
    if (!this.nonces.firstUse(keyid, nonce, (created + this.options.maxAgeSeconds) * 1000)) throw refuse('this signature was already used (replayed): sign each request with a new nonce');
    return { kind: 'party', party };
  }

  /** The one signature's parameters, checked before any key is looked up. */
  private checkedInput(text: string): { label: string; keyid: string; nonce: string; created: number } {
    let parsed: Dictionary;
    try {
      parsed = parseDictionary(text);
    } catch {
      throw refuse('Signature-Input is not a structured-field dictionary (RFC 8941)');
    }
    if (parsed.size !== 1) throw refuse(`sign with exactly one signature; got ${parsed.size}`);
    const [label, member] = [...parsed.entries()][0];
    if (!isInnerList(member)) throw refuse('Signature-Input must list the covered components');
    const [components, params] = member as InnerList;
    const covered = components.map(([name]) => String(name));
    const missing = REQUIRED_COMPONENTS.filter((c) => !covered.includes(c));
    if (missing.length) throw refuse(`the signature must cover ${missing.join(' and ')}`);
    const keyid = params.get('keyid');
    const nonce = params.get('nonce');
    const created = params.get('created');
    const alg = params.get('alg');
    if (typeof keyid !== 'string' || keyid.length === 0) throw refuse('the signature needs keyid: your party id');
    if (typeof nonce !== 'string' || nonce.length < 16 || nonce.length > 128) throw refuse('the signature needs a nonce of 16 to 128 characters, new for each request');
    if (typeof created !== 'number' || !Number.isInteger(created)) throw refuse('the signature needs created: the Unix time it was made');
    if (alg !== undefined && !(alg === 'ed25519' || (alg instanceof Token && alg.toString() === 'ed25519'))) throw refuse('alg must be ed25519');
    this.checkFresh(created, params.get('expires'));
    return { label, keyid, nonce, created };
  }

  private checkFresh(created: number, expires: unknown): void {
    const now = this.nowMs() / 1000;
    if (created > now + this.options.futureSkewSeconds) throw refuse(`created is ${Math.round(created - now)} s ahead of the ledger's clock`);
    if (now - created > this.options.maxAgeSeconds) throw refuse(`the signature expired: created ${Math.round(now - created)} s ago, at most ${this.options.maxAgeSeconds} s`);
    if (expires !== undefined && (typeof expires !== 'number' || expires < now)) throw refuse('the signature expired (expires is past)');
  }
}

/** Exactly the one signature the input describes: the library would accept any one of several. */
function checkOneSignature(text: string, label: string): void {
  let parsed: Dictionary;
  try {
    parsed = parseDictionary(text);
  } catch {
    throw refuse('Signature is not a structured-field dictionary (RFC 8941)');
  }
  if (parsed.size !== 1 || !parsed.has(label)) throw refuse(`Signature must hold exactly the signature ${label} that Signature-Input describes`);
}

function definedHeaders(request: SignedRequest): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers[name] = value;
  return headers;
}

function header(request: SignedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Nonces seen while their signatures are fresh, per key: a replay within the window is refused; after
 * it the signature is stale anyway. Bounded: when full of fresh nonces, new signed requests wait.
 */
export class NonceGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly capacity = 100_000, private readonly nowMs: () => number = Date.now) {}

  /** True the first time (keyid, nonce) is offered before `freshUntilMs`. */
  firstUse(keyid: string, nonce: string, freshUntilMs: number): boolean {
    const key = `${keyid}\u0000${nonce}`;
    const until = this.seen.get(key);
    if (until !== undefined && until >= this.nowMs()) return false;
    if (this.seen.size >= this.capacity) this.forgetStale();
    if (this.seen.size >= this.capacity) throw new LedgerError('unavailable', 'too many signed requests at once; retry in a few seconds');
    this.seen.set(key, freshUntilMs);
    return true;
  }

  private forgetStale(): void {
    const now = this.nowMs();
    for (const [key, until] of this.seen) if (until < now) this.seen.delete(key);
  }
}
