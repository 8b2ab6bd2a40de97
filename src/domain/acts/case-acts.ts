import { z } from 'zod';
import { CalendarDate, Commitment, Timestamp, Identifier, Locator, Pack, Sha256Hex, ShortText, StatementOfReasons, Text } from './primitives.js';

/**
 * Data schemas of the acts recorded in a case stream `case-<id>` (DESIGN.md §4). Only `provider`,
 * `pack` (and `notifier` for a received notice) are required of a notice: a notice is recorded as it
 * was sent and its completeness is judged by the rule pack, never refused at the door.
 */

const NoticeItem = z.strictObject({ locator: Locator, description: Text.optional() });

const noticeFields = {
  provider: Identifier,
  pack: Pack,
  works: z.array(Text).max(10_000).optional(),
  items: z.array(NoticeItem).max(10_000).optional(),
  claimant: z
    .strictObject({
      name: ShortText.optional(),
      contact: Commitment.optional(),
      address: Commitment.optional(),
      onBehalfOf: ShortText.optional(),
    })
    .optional(),
  explanation: Text.optional(),
  evidence: z.array(Sha256Hex).max(10_000).optional(),
  statements: z
    .strictObject({
      goodFaith: z.boolean().optional(),
      accuracy: z.boolean().optional(),
      authorized: z.boolean().optional(),
      bonaFide: z.boolean().optional(),
    })
    .optional(),
  category: ShortText.optional(),
  user: Identifier.optional(),
};

export const NoticeSubmitted = z.strictObject(noticeFields);
export const NoticeReceived = z.strictObject({
  ...noticeFields,
  notifier: Identifier,
  /** When the provider received it (mail, a form): deadlines run from then; a recording more than a day later is a reason against the provider. */
  receivedAt: Timestamp.optional(),
  channel: z.enum(['mail', 'email', 'web_form', 'fax', 'in_person', 'other']).optional(),
  signed: z.boolean().optional(),
  original: Sha256Hex.optional(),
});

/**
 * Knowledge without a notice: the provider records that it became aware of specific material (its
 * own detection, a court or authority, a third party), or an accredited authority records it of the
 * provider. Opens a case like a notice; the awareness duty runs from `awareAt` (never after the act's
 * own time), else from the recording.
 */
export const AwarenessRecorded = z.strictObject({
  provider: Identifier,
  pack: Pack,
  items: z.array(NoticeItem).min(1).max(10_000),
  source: z.enum(['own_detection', 'court', 'authority', 'third_party', 'other']),
  awareAt: Timestamp.optional(),
  reference: ShortText.optional(),
  explanation: Text.optional(),
  evidence: z.array(Sha256Hex).max(10_000).optional(),
  user: Identifier.optional(),
});

/** What a finding of knowledge rests on; `absence_of_monitoring` alone is contrary to the no-general-monitoring rule (17 U.S.C. §512(m), DSA Art 8). */
export const KNOWLEDGE_GROUNDS = ['red_flag', 'prior_notices', 'repeat_of_removed_material', 'editorial_involvement', 'financial_benefit', 'absence_of_monitoring', 'other'] as const;

const Empty = z.strictObject({});
const ItemLocators = z.array(Locator).min(1).max(10_000);
const Reasons = Text;

export const NoticeForwarded = z
  .strictObject({ user: Identifier.optional(), published: z.literal(true).optional() })
  .refine((d) => d.user !== undefined || d.published === true, { message: 'needs either user or published: true', path: ['user'] });

/** The acts parties sign as they happen. */
const LIVE_CASE_ACT_DATA = {
  'notice.submitted': NoticeSubmitted,
  'notice.received': NoticeReceived,
  'awareness.recorded': AwarenessRecorded,
  'notice.acknowledged': Empty,
  'notice.deficiency_contacted': z.strictObject({ missing: z.array(ShortText).max(100) }),
  'notice.forwarded': NoticeForwarded,
  'notice.rejected': z.strictObject({
    reason: z.enum(['incomplete', 'not_infringing', 'manifestly_unfounded', 'other']),
    explanation: Text.optional(),
  }),
  'notice.withdrawn': z.strictObject({ reason: Reasons.optional() }),
  'decision.notified': z.strictObject({ decision: z.enum(['acted', 'not_acted', 'consulting_sender']), reasons: Reasons.optional() }),
  'measure.taken': z.strictObject({
    measure: z.enum(['removed', 'disabled', 'geo_blocked', 'demoted', 'delinked', 'forward_only', 'account_restricted']),
    items: ItemLocators,
    basis: z.enum(['notice', 'own_assessment', 'sender_consent']),
    reasons: StatementOfReasons.optional(),
    /** What the measure reached: the items alone, the user's account, or the whole service (a server, a site). */
    scope: z.enum(['item', 'account', 'service']).optional(),
  }),
  'reasons.stated': StatementOfReasons,
  'reasons.published': z.strictObject({ reference: ShortText.min(1) }),
  'counter_notice.submitted': z.strictObject({
    statements: z
      .strictObject({
        goodFaithMistake: z.boolean().optional(),
        consentToJurisdiction: z.boolean().optional(),
        acceptService: z.boolean().optional(),
      })
      .optional(),
    contact: Commitment.optional(),
    address: Commitment.optional(),
    explanation: Text.optional(),
    evidence: z.array(Sha256Hex).max(10_000).optional(),
  }),
  'counter_notice.forwarded': Empty,
  'action.filed': z.strictObject({ forum: z.enum(['court', 'authority']), reference: ShortText.optional() }),
  'measure.lifted': z.strictObject({
    items: ItemLocators,
    reason: z.enum(['counter_notice', 'complaint', 'withdrawn', 'finding', 'other']),
  }),
  'complaint.lodged': z.strictObject({ grounds: Text }),
  'complaint.decided': z.strictObject({ outcome: z.enum(['upheld', 'reversed']), humanReviewed: z.boolean(), reasons: Reasons }),
  /** `deliveredAt`: when the inquiry reached the sender (PLLA Art 3(2)(ii): the 7 days run from then). */
  'sender.inquired': z.strictObject({ question: Text.optional(), deliveredAt: Timestamp.optional() }),
  'sender.replied': z.strictObject({ consents: z.boolean(), reasons: Reasons.optional() }),
  'disclosure.requested': z.strictObject({
    route: z.enum(['us_512h_subpoena', 'court_order', 'admin_request', 'jp_art5_request', 'other']),
    about: Identifier.optional(),
    scope: z.array(ShortText).max(100).optional(),
    returnDate: CalendarDate.optional(),
    reference: ShortText.optional(),
  }),
  'disclosure.opinion_requested': Empty,
  'disclosure.opinion_given': z.strictObject({ consents: z.boolean(), reasons: Reasons.optional() }),
  'disclosure.granted': z.strictObject({ disclosed: Commitment }),
  'disclosure.refused': z.strictObject({ reasons: Reasons }),
  'finding.recorded': z.strictObject({
    outcome: z.enum([
      'infringing',
      'not_infringing',
      'manifestly_illegal',
      'manifestly_unfounded',
      'misrepresentation',
      'erroneous_notice',
      'malicious_erroneous_notice',
      'disclosure_ordered',
      'knew',
      'should_have_known',
      'no_knowledge',
    ]),
    reference: ShortText.optional(),
    /** For `knew` and `should_have_known`: when the knowledge arose, as found (it may precede the case's notice). */
    knowledgeAt: Timestamp.optional(),
    /** What a finding on knowledge rests on. */
    grounds: z.array(z.enum(KNOWLEDGE_GROUNDS)).min(1).max(KNOWLEDGE_GROUNDS.length).optional(),
  }),
} as const;

type LiveCaseActType = keyof typeof LIVE_CASE_ACT_DATA;

/** An act of a past procedure as an authority attests it: its type, who did it, and what it said, checked as that act's data. */
const AttestedAct = z.discriminatedUnion(
  'type',
  (Object.keys(LIVE_CASE_ACT_DATA) as LiveCaseActType[]).map((type) => z.strictObject({ type: z.literal(type), actor: Identifier, data: LIVE_CASE_ACT_DATA[type] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<LiveCaseActType>; actor: typeof Identifier; data: z.ZodTypeAny }>,
  ],
);

/**
 * History: an accredited court or authority records an act of a past procedure (the 2015-2019
 * events of a case decided today), with when it occurred and what proves it. It is judged from when
 * it occurred and shown as attested history everywhere; a case's history comes before its live acts.
 */
export const HistoryAttested = z.strictObject({
  occurredAt: Timestamp,
  act: AttestedAct,
  provenance: z.strictObject({
    /** Who attests: the court or authority's reference for the record (a judgment, a file). */
    reference: ShortText,
    /** Hashes of the evidence the attestation rests on. */
    evidence: z.array(Sha256Hex).min(1).max(10_000),
    note: Text.optional(),
  }),
});

export const CASE_ACT_DATA = { ...LIVE_CASE_ACT_DATA, 'history.attested': HistoryAttested } as const;
