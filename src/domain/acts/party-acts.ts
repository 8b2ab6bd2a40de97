import { z } from 'zod';
import {
  CalendarDate,
  Commitment,
  Ed25519PublicKey,
  Ed25519Signature,
  Identifier,
  MemberState,
  Pack,
  ProviderKind,
  Role,
  ShortText,
  Timestamp,
  TimeZone,
} from './primitives.js';

/** Data schemas of the acts recorded in a party's own stream `party-<id>` (DESIGN.md §4). */

export const PartyRegistered = z
  .strictObject({
    name: z.string().min(1).max(500),
    roles: z.array(Role).min(1).max(4),
    publicKey: Ed25519PublicKey,
    packs: z.array(Pack).max(7).optional(),
    providerKind: ProviderKind.optional(),
    flags: z
      .strictObject({ largePlatform: z.boolean().optional(), microSmall: z.boolean().optional(), trustedFlagger: z.boolean().optional() })
      .optional(),
    timeZone: TimeZone.optional(),
    /** EU: the Member State whose public holidays extend periods (Reg. 1182/71); else derived from the time zone. */
    memberState: MemberState.optional(),
    contact: Commitment.optional(),
    address: Commitment.optional(),
  })
  .superRefine((data, ctx) => {
    if (new Set(data.roles).size !== data.roles.length) ctx.addIssue({ code: 'custom', path: ['roles'], message: 'must not repeat a role' });
    if (!data.roles.includes('provider')) return;
    if (!data.providerKind) ctx.addIssue({ code: 'custom', path: ['providerKind'], message: 'is required for a provider' });
    if (!data.packs?.length) ctx.addIssue({ code: 'custom', path: ['packs'], message: 'is required for a provider (at least one pack)' });
  });

/** `proof`: the new key's signature over keyPossessionBytes(actor, act id, publicKey) (audit/act-signature.ts). */
export const PartyKeyRotated = z.strictObject({ publicKey: Ed25519PublicKey, proof: Ed25519Signature });

export const ACCREDITED_STATUSES = ['authority', 'trusted_flagger'] as const;
export type AccreditedStatus = (typeof ACCREDITED_STATUSES)[number];

/** A trust anchor (or, for trusted flaggers, an accredited authority) gives a party a status that confers power. */
export const PartyAccredited = z.strictObject({
  party: Identifier,
  status: z.enum(ACCREDITED_STATUSES),
  reference: ShortText.optional(),
  until: Timestamp.optional(),
});

export const PartyAccreditationRevoked = z.strictObject({ party: Identifier, status: z.enum(ACCREDITED_STATUSES), reason: ShortText });

export const ProviderAgentDesignated = z.strictObject({
  registry: ShortText.min(1),
  designatedOn: CalendarDate,
  validUntil: CalendarDate.optional(),
});

export const ProviderPolicyAdopted = z.strictObject({
  repeatInfringer: z
    .strictObject({
      strikes: z.int().min(1).max(1000),
      windowDays: z.int().min(1).max(36_500),
      action: z.enum(['warn', 'suspend', 'terminate']),
      actionWithinDays: z.int().min(0).max(3650),
      countDisputed: z.boolean(),
    })
    .optional(),
  misuse: z
    .strictObject({
      unfounded: z.int().min(1).max(100_000),
      share: z.number().min(0).max(1),
      windowDays: z.int().min(1).max(36_500),
      suspensionDays: z.int().min(1).max(36_500),
    })
    .optional(),
  published: ShortText.optional(),
  /** Days for duties the law leaves undefined ("expeditiously", "promptly"), by obligation key, e.g. {"US.takedown": 1}. */
  /** Options the rule packs leave to the provider: Japan's Civil Code Art 142 roll-forward, China's legacy RNDI immediate restoration. */
  packOptions: z
    .strictObject({ jpRollForward: z.boolean().optional(), cnRndiImmediateRestore: z.boolean().optional() })
    .optional(),
  slas: z.record(z.string().regex(/^(US|EU|CN|JP)\.[A-Za-z]+$/, 'must be an obligation key such as US.takedown'), z.int().min(0).max(365)).optional(),
});

const CaseIds = z.array(Identifier).max(10_000);

export const UserWarned = z.strictObject({ user: Identifier, reason: ShortText, cases: CaseIds.optional() });
export const UserSuspended = z.strictObject({ user: Identifier, reason: ShortText, cases: CaseIds.optional(), until: Timestamp });
export const UserTerminated = z.strictObject({ user: Identifier, reason: ShortText, cases: CaseIds.optional() });
export const NotifierWarned = z.strictObject({ notifier: Identifier, reason: ShortText });
export const NotifierSuspended = z.strictObject({ notifier: Identifier, reason: ShortText, until: Timestamp });

/**
 * Erasure of one clear value of personal data held beside the log (the value at `path` of the act at
 * `seq`): recorded without the value, in the requester's own stream; the log and its proofs stay.
 */
export const PersonalDataErased = z.strictObject({
  seq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  path: z.string().regex(/^data(\.[A-Za-z]+)*\.(contact|address|disclosed)$/, 'must be the path of a committed field such as data.claimant.contact'),
  reason: ShortText,
});

export const PARTY_ACT_DATA = {
  'party.registered': PartyRegistered,
  'party.key_rotated': PartyKeyRotated,
  'party.accredited': PartyAccredited,
  'party.accreditation_revoked': PartyAccreditationRevoked,
  'provider.agent_designated': ProviderAgentDesignated,
  'provider.policy_adopted': ProviderPolicyAdopted,
  'user.warned': UserWarned,
  'user.suspended': UserSuspended,
  'user.terminated': UserTerminated,
  'notifier.warned': NotifierWarned,
  'notifier.suspended': NotifierSuspended,
  'personal_data.erased': PersonalDataErased,
} as const;
