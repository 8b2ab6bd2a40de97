import { createPrivateKey, createPublicKey, randomBytes, sign, type KeyObject } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { concatBytes, decodeBase64, encodeBase64, toHex } from '../audit/encoding.js';
import { assertKeyName, noteKeyId, noteVerifierKey } from '../audit/note-key.js';

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * The ledger's own Ed25519 key: signs receipts, stream heads and checkpoints. Kept in the data folder
 * as a Go-style note signer key (`PRIVATE+KEY+<name>+<keyid>+<base64(0x01 ‖ seed)>`), mode 0600.
 */
export class LedgerKey {
  private readonly privateKey: KeyObject;
  readonly publicKey: Uint8Array;

  private constructor(
    readonly origin: string,
    seed: Uint8Array,
  ) {
    assertKeyName(origin);
    this.privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(this.privateKey).export({ format: 'der', type: 'spki' });
    this.publicKey = new Uint8Array(spki.subarray(spki.length - 32));
  }

  static fromSeed(origin: string, seed: Uint8Array): LedgerKey {
    if (seed.length !== 32) throw new TypeError(`seed must be 32 bytes, got ${seed.length}`);
    return new LedgerKey(origin, seed);
  }

  /** Loads `<dir>/ledger.key` if it exists (tools such as the audit must never create one). */
  static load(dir: string, origin: string): LedgerKey | undefined {
    const path = join(dir, 'ledger.key');
    return existsSync(path) ? LedgerKey.parse(readFileSync(path, 'utf8').trim(), origin, path) : undefined;
  }

  /** Loads `<dir>/ledger.key`, or creates it (mode 0600) on first start. `created` tells which. */
  static loadOrCreate(dir: string, origin: string): { key: LedgerKey; created: boolean; path: string } {
    const path = join(dir, 'ledger.key');
    if (existsSync(path)) return { key: LedgerKey.parse(readFileSync(path, 'utf8').trim(), origin, path), created: false, path };
    mkdirSync(dir, { recursive: true });
    const seed = randomBytes(32);
    const key = LedgerKey.fromSeed(origin, seed);
    writeFileSync(path, `${key.signerKeyText(seed)}\n`, { mode: 0o600, flag: 'wx' });
    return { key, created: true, path };
  }

  private static parse(text: string, origin: string, path: string): LedgerKey {
    const match = /^PRIVATE\+KEY\+(.+)\+([0-9a-f]{8})\+(\S+)$/.exec(text);
    const payload = match && decodeBase64(match[3]);
    if (!match || !payload || payload.length !== 33 || payload[0] !== 0x01) throw new Error(`${path}: not a ledger signer key`);
    if (match[1] !== origin) throw new Error(`${path}: key is for origin ${match[1]}, but HARBOR_LOG_ORIGIN is ${origin}`);
    const key = LedgerKey.fromSeed(origin, payload.subarray(1));
    if (toHex(noteKeyId(origin, key.publicKey)) !== match[2]) throw new Error(`${path}: key id does not match the key`);
    return key;
  }

  private signerKeyText(seed: Uint8Array): string {
    return `PRIVATE+KEY+${this.origin}+${toHex(noteKeyId(this.origin, this.publicKey))}+${encodeBase64(concatBytes(Uint8Array.of(1), seed))}`;
  }

  /** The verifier key to pin out of band: `origin+keyid+base64(0x01 ‖ pubkey)`. */
  get verifierKey(): string {
    return noteVerifierKey(this.origin, this.publicKey);
  }

  /** The private key, for handing to crypto worker threads (KeyObjects can be posted to workers). */
  get privateKeyObject(): KeyObject {
    return this.privateKey;
  }

  sign(message: Uint8Array): Uint8Array {
    return new Uint8Array(sign(null, message, this.privateKey));
  }
}
