import { createPrivateKey, randomUUID, sign } from 'node:crypto';
import { actSigningBytes } from '../src/audit/act-signature.js';
import { encodeBase64 } from '../src/audit/encoding.js';
import { keyPairFromSeed } from '../src/audit/ed25519-nacl.js';

const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/** A party that signs with node:crypto (fast), so generating load does not dominate the benchmark. */
export class BenchParty {
  readonly publicKey: string;
  private readonly privateKey;

  constructor(
    readonly id: string,
    seedByte: number,
  ) {
    const seed = new Uint8Array(32).fill(seedByte);
    this.publicKey = encodeBase64(keyPairFromSeed(seed).publicKey);
    this.privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  }

  act(type: string, data: Record<string, unknown>, caseId?: string): Record<string, unknown> {
    const envelope: Record<string, unknown> = { v: 1, id: randomUUID(), type, ...(caseId ? { case: caseId } : {}), actor: this.id, at: new Date().toISOString(), data };
    envelope.sig = encodeBase64(new Uint8Array(sign(null, actSigningBytes(envelope), this.privateKey)));
    return envelope;
  }
}

export const holder = new BenchParty('bench-holder', 1);
export const host = new BenchParty('bench-host', 2);

export function registrations(): Record<string, unknown>[] {
  return [
    holder.act('party.registered', { name: 'Bench Records', roles: ['rights_holder'], publicKey: holder.publicKey }),
    host.act('party.registered', { name: 'Bench Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], publicKey: host.publicKey }),
  ];
}

/** A realistic notice (about 900 bytes signed), each opening its own case. */
export function notices(count: number, prefix: string, provider = host.id): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify(
      holder.act(
        'notice.submitted',
        {
          provider,
          pack: 'us-dmca',
          works: ['"Harbor Lights", sound recording, Bench Records 2025'],
          items: [{ locator: `https://tube.example/watch?v=${prefix}${i}`, description: 'full-length upload' }],
          claimant: { name: 'Bench Records', contact: `sha256:${'ab'.repeat(32)}` },
          explanation: 'The video is a complete copy of the recording, uploaded without a licence.',
          statements: { goodFaith: true, accuracy: true, authorized: true },
        },
        `${prefix}-${i}`,
      ),
    ),
  );
}
