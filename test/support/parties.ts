import { encodeBase64 } from '../../src/audit/encoding.js';
import type { Ed25519KeyPair } from '../../src/audit/ed25519-nacl.js';
import { fastKeyPair, fastSign } from './fast-ed25519.js';
import { keyRotationData, signAct, type UnsignedAct } from '../../src/client/sign-act.js';
import { randomUUID } from 'node:crypto';
import type { Act, ActType } from '../../src/domain/acts/envelope.js';

/** A party in a test: its keys, and a way to sign acts as it at a given time. */
export class TestParty {
  keys: Ed25519KeyPair = fastKeyPair();

  constructor(
    readonly id: string,
    private readonly registration: Record<string, unknown>,
  ) {}

  get publicKey(): string {
    return encodeBase64(this.keys.publicKey);
  }

  act(type: ActType, data: Record<string, unknown> = {}, options: Partial<UnsignedAct> = {}): Act {
    return signAct({ type, actor: this.id, data, at: options.at ?? new Date().toISOString(), ...options }, this.keys.secretKey, fastSign);
  }

  register(at?: string): Act {
    return this.act('party.registered', { ...this.registration, publicKey: this.publicKey }, { at });
  }

  caseAct(type: ActType, caseId: string, data: Record<string, unknown> = {}, at?: string): Act {
    return this.act(type, data, { case: caseId, at });
  }

  /** A key rotation signed by the current key and proved by `next`; call adoptKeys(next) once it is recorded. */
  rotateTo(next: Ed25519KeyPair, at?: string): Act {
    const id = randomUUID();
    return this.act('party.key_rotated', keyRotationData(this.id, id, next), { id, at });
  }
}

/**
 * The trust anchor every test ledger names (HARBOR_TRUST_ANCHORS, see harness.ts): it accredits
 * authorities and trusted flaggers.
 */
export const trustAnchor = new TestParty('trust-anchor', { name: 'Registry of Accreditations', roles: ['authority'] });

export function rightsHolder(id = 'acme-records'): TestParty {
  return new TestParty(id, { name: 'Acme Records LLC', roles: ['rights_holder'] });
}

export function usHost(id = 'tube-us'): TestParty {
  return new TestParty(id, { name: 'Tube Hosting Inc.', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], timeZone: 'America/New_York' });
}

export function uploader(id = 'user-42'): TestParty {
  return new TestParty(id, { name: 'J. Uploader', roles: ['user'] });
}

export function court(id = 'sdny'): TestParty {
  return new TestParty(id, { name: 'U.S. District Court, S.D.N.Y.', roles: ['authority'] });
}

/**
 * A notice with every US §512(c)(3)(A) element present: signature (the envelope), work, material,
 * contact (a commitment), good faith, accuracy and authority.
 */
export function fullUsNotice(provider: string, user?: string): Record<string, unknown> {
  return {
    provider,
    pack: 'us-dmca',
    works: ['"Harbor Lights" (sound recording, 2025)'],
    items: [{ locator: 'https://tube.example/v/abc123' }],
    claimant: { name: 'Acme Records LLC', contact: `sha256:${'ac'.repeat(32)}` },
    explanation: 'Full copy of the recording uploaded without licence.',
    statements: { goodFaith: true, accuracy: true, authorized: true },
    ...(user ? { user } : {}),
  };
}
