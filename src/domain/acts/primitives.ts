import { z } from 'zod';
import { MEMBER_STATES, PACKS, PROVIDER_KINDS, ROLES } from './vocabulary.js';

export { MEMBER_STATES, PACKS, PROVIDER_KINDS, ROLES } from './vocabulary.js';
import { COMMITMENT_PATTERN } from '../../audit/commitment.js';
import { decodeBase64 } from '../../audit/encoding.js';

/** Identifiers of parties and cases: 1-128 characters of [A-Za-z0-9._:-], not only dots (`.` and `..` are path steps in a URL). */
export const Identifier = z.string().regex(/^(?!\.+$)[A-Za-z0-9._:-]{1,128}$/, 'must be 1-128 characters of [A-Za-z0-9._:-], not only dots');

/** RFC 3339 UTC with milliseconds, and a real calendar instant. */
export const Timestamp = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be RFC 3339 UTC with milliseconds, e.g. 2026-11-27T18:00:00.000Z')
  .refine((s) => {
    const t = Date.parse(s);
    return Number.isFinite(t) && new Date(t).toISOString() === s;
  }, 'is not a real instant');

export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a calendar date YYYY-MM-DD')
  .refine((s) => {
    const t = Date.parse(`${s}T00:00:00.000Z`);
    return Number.isFinite(t) && new Date(t).toISOString().startsWith(s);
  }, 'is not a real date');

export const Commitment = z.string().regex(COMMITMENT_PATTERN, 'must be a salted commitment sha256:<64 hex>, never a clear value');

export const Sha256Hex = z.string().regex(/^(?:sha256:)?[0-9a-f]{64}$/, 'must be a SHA-256 hash in lowercase hex');

export const Text = z.string().max(20_000);
export const ShortText = z.string().max(2_000);
export const Locator = z.string().min(1).max(4_096);

export const Ed25519PublicKey = z
  .string()
  .refine((s) => decodeBase64(s)?.length === 32, 'must be a 32-byte Ed25519 public key in standard padded base64');

export const Ed25519Signature = z
  .string()
  .refine((s) => decodeBase64(s)?.length === 64, 'must be a 64-byte Ed25519 signature in standard padded base64');

export const TimeZone = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as America/New_York');

export const MemberState = z.enum(MEMBER_STATES);
export type MemberState = z.infer<typeof MemberState>;

export const Pack = z.enum(PACKS);
export type Pack = z.infer<typeof Pack>;

export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

export const ProviderKind = z.enum(PROVIDER_KINDS);
export type ProviderKind = z.infer<typeof ProviderKind>;

/** EU DSA Art 17 statement of reasons, mapped to the Transparency Database fields. */
export const StatementOfReasons = z.strictObject({
  ground: z.enum(['illegal_content', 'incompatible_content']),
  facts: Text,
  automatedDetection: z.boolean(),
  automatedDecision: z.enum(['fully', 'partially', 'not_automated']),
  legalGround: ShortText.optional(),
  redress: ShortText.optional(),
});
export type StatementOfReasons = z.infer<typeof StatementOfReasons>;
