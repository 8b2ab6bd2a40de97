import { z } from 'zod';
import { CASE_ACT_DATA } from './case-acts.js';
import { PARTY_ACT_DATA } from './party-acts.js';
import { Ed25519Signature, Identifier, Timestamp } from './primitives.js';
import { LedgerError } from '../errors.js';
import { canonicalize } from '../../audit/canonical-json.js';
import { formatPath } from '../../audit/json-path.js';

export type PartyActType = keyof typeof PARTY_ACT_DATA;
export type CaseActType = keyof typeof CASE_ACT_DATA;
export type ActType = PartyActType | CaseActType;

export const PARTY_ACT_TYPES = Object.keys(PARTY_ACT_DATA) as PartyActType[];
export const CASE_ACT_TYPES = Object.keys(CASE_ACT_DATA) as CaseActType[];
export const ACT_TYPES: readonly ActType[] = [...PARTY_ACT_TYPES, ...CASE_ACT_TYPES];

export type ActData<T extends ActType> = T extends PartyActType
  ? z.infer<(typeof PARTY_ACT_DATA)[T]>
  : T extends CaseActType
    ? z.infer<(typeof CASE_ACT_DATA)[T]>
    : never;

/** The signed act as a party sends it (DESIGN.md §3.1). Plain data: what is signed is its canonical JSON. */
export interface Act<T extends ActType = ActType> {
  v: 1;
  id: string;
  type: T;
  case?: string;
  actor: string;
  at: string;
  data: ActData<T>;
  sig: string;
}

export const EnvelopeSchema = z.strictObject({
  v: z.literal(1),
  id: z.uuid(),
  type: z.string(),
  case: Identifier.optional(),
  actor: Identifier,
  at: Timestamp,
  data: z.record(z.string(), z.unknown()),
  sig: Ed25519Signature,
});

export function isCaseActType(type: string): type is CaseActType {
  return Object.hasOwn(CASE_ACT_DATA, type);
}

export function isPartyActType(type: string): type is PartyActType {
  return Object.hasOwn(PARTY_ACT_DATA, type);
}

/** Party acts recorded by another party about the party they name in `data.party`: they go to that party's stream. */
export const ACTS_ABOUT_ANOTHER_PARTY: ReadonlySet<string> = new Set(['party.accredited', 'party.accreditation_revoked']);

/**
 * The stream an act belongs to: `case-<case>` for case acts; `party-<data.party>` for an accreditation
 * (so a party's standing is read from its own stream); `party-<actor>` otherwise.
 */
export function streamOf(act: Pick<Act, 'type' | 'case' | 'actor' | 'data'>): string {
  if (isCaseActType(act.type)) return caseStream(act.case as string);
  return ACTS_ABOUT_ANOTHER_PARTY.has(act.type) ? partyStream((act.data as { party: string }).party) : partyStream(act.actor);
}

export const caseStream = (caseId: string): string => `case-${caseId}`;
export const partyStream = (partyId: string): string => `party-${partyId}`;

/**
 * Checks the shape of an envelope and its data against the catalogue. Throws LedgerError `schema`
 * naming the first offending field (e.g. `data.items[0].locator`). Returns the input object itself,
 * unchanged, so that what is stored is exactly what was signed.
 */
export function parseAct(input: unknown): Act {
  const envelope = EnvelopeSchema.safeParse(input);
  if (!envelope.success) throw schemaError(envelope.error, []);
  const { type } = envelope.data;
  const dataSchema = isCaseActType(type) ? CASE_ACT_DATA[type] : isPartyActType(type) ? PARTY_ACT_DATA[type] : undefined;
  if (!dataSchema) throw new LedgerError('schema', `unknown act type ${JSON.stringify(type)}`, 'type');
  if (isCaseActType(type) && envelope.data.case === undefined) {
    throw new LedgerError('schema', `${type} is a case act and needs a case id`, 'case');
  }
  if (isPartyActType(type) && envelope.data.case !== undefined) {
    throw new LedgerError('schema', `${type} is a party act and takes no case id`, 'case');
  }
  // The data schema checks the input's own object, never the envelope schema's copy of it.
  const data = dataSchema.safeParse((input as { data: unknown }).data);
  if (!data.success) throw schemaError(data.error, ['data']);
  assertStoredIsValidated(input, { ...envelope.data, data: data.data });
  return input as Act;
}

/**
 * What is stored is the input, what was checked is the schemas' output: they must be the same JSON,
 * or the input holds something the schemas never saw (a member hidden in a prototype, for one).
 */
export function assertStoredIsValidated(input: unknown, validated: unknown): void {
  if (canonicalize(input) === canonicalize(validated)) return;
  const field = formatPath(firstDifference(input, validated, []) ?? []);
  throw new LedgerError('schema', `${field || 'body'}: holds a member that its schema does not check`, field || undefined);
}

function firstDifference(a: unknown, b: unknown, path: (string | number)[]): (string | number)[] | undefined {
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return Object.is(a, b) ? undefined : path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const step = Array.isArray(a) ? Number(key) : key;
    const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], [...path, step]);
    if (found) return found;
  }
  return undefined;
}

function schemaError(error: z.ZodError, prefix: (string | number)[]): LedgerError {
  const issue = error.issues[0];
  // An unknown member is named itself, not its parent object.
  const unknownKey = issue.code === 'unrecognized_keys' ? [issue.keys[0]] : [];
  const field = formatPath([...prefix, ...(issue.path as (string | number)[]), ...unknownKey]);
  const message = issue.code === 'unrecognized_keys' ? 'is not a field of this act' : issue.message;
  return new LedgerError('schema', `${field || 'body'}: ${message}`, field || undefined);
}

export { formatPath };
