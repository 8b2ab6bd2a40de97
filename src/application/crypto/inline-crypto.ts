import type { LedgerKey } from '../ledger-key.js';
import type { LedgerCrypto } from '../ports/ledger-crypto.js';
import { StrictVerifierCache } from './strict-verifiers.js';

/** Signature work on the calling thread: for tools, small deployments and HARBOR_CRYPTO_WORKERS=0. */
export class InlineCrypto implements LedgerCrypto {
  private readonly verifiers = new StrictVerifierCache();

  constructor(private readonly key: LedgerKey) {}

  async verify(publicKey: string, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    return this.verifiers.verify(publicKey, message, signature);
  }

  async sign(message: Uint8Array): Promise<Uint8Array> {
    return this.key.sign(message);
  }

  async close(): Promise<void> {}
}
