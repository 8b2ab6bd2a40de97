import { decodeBase64 } from '../../audit/encoding.js';
import { StrictEd25519Verifier } from '../../backends/node-crypto.js';

/** Strict verifiers by base64 public key, each wrapping its KeyObject once (twice the verify rate). */
export class StrictVerifierCache {
  private readonly verifiers = new Map<string, StrictEd25519Verifier>();

  constructor(private readonly capacity = 100_000) {}

  verify(publicKey: string, message: Uint8Array, signature: Uint8Array): boolean {
    let verifier = this.verifiers.get(publicKey);
    if (!verifier) {
      const raw = decodeBase64(publicKey);
      if (raw?.length !== 32) return false;
      if (this.verifiers.size >= this.capacity) this.verifiers.clear();
      verifier = new StrictEd25519Verifier(raw);
      this.verifiers.set(publicKey, verifier);
    }
    return verifier.verify(message, signature);
  }
}
