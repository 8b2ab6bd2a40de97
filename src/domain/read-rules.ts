import { isAccreditedAuthority, registeredWithPinnedKey, type TrustAnchors } from './powers.js';
import { LedgerError } from './errors.js';
import type { PartyState } from './party/state.js';

/**
 * Who may read what (DESIGN.md §6, README "Who may read what"): a pure table beside the actor rules.
 * A reader is known only by a request signed with its own key (RFC 9421); powers come from the log
 * (accreditation as an authority) or the deployment (pinned operator keys), never from the request.
 */
export type Reader = { kind: 'anonymous' } | { kind: 'party'; party: PartyState };

/** `public`: the log, case views and reports to everyone; `private` (HARBOR_READS=private): to registered parties only. */
export type ReadMode = 'public' | 'private';

/** What a route reads. Clear personal data and the access log have rules of their own (below). */
export type ReadResource = 'verification' | 'log' | 'cases' | 'reports' | 'parties' | 'access_log';

export interface ReadContext {
  mode: ReadMode;
  anchors: TrustAnchors;
  /** The deployment's operators (HARBOR_OPERATORS): party id -> the key it registered with. */
  operators: TrustAnchors;
  /** The ledger's now: accreditations are judged as of then. */
  now: string;
}

export interface ReadRefusal {
  status: 401 | 403;
  code: 'unauthenticated' | 'not_allowed';
  rule: string;
  message: string;
}

/** A refusal as the error every interface answers with: 401 names the signature; 403 names the rule. */
export function refusalToError(refusal: ReadRefusal): LedgerError {
  return new LedgerError(refusal.code, refusal.message, refusal.status === 401 ? 'signature' : undefined, refusal.rule);
}

const unauthenticated = (rule: string, message: string): ReadRefusal => ({ status: 401, code: 'unauthenticated', rule, message });
const notAllowed = (rule: string, message: string): ReadRefusal => ({ status: 403, code: 'not_allowed', rule, message });

export function isAuthorityReader(reader: Reader, ctx: ReadContext): boolean {
  return reader.kind === 'party' && isAccreditedAuthority(reader.party, ctx.anchors, ctx.now);
}

export function isOperatorReader(reader: Reader, ctx: ReadContext): boolean {
  return reader.kind === 'party' && registeredWithPinnedKey(reader.party, ctx.operators);
}

type ResourceRule = (reader: Reader, ctx: ReadContext) => ReadRefusal | undefined;

/** Checkpoints, proofs, the ledger's key and health: verification never needs an account. */
const verificationIsPublic: ResourceRule = () => undefined;

/** The log, case views, reports and parties: to everyone, unless the deployment is private. */
const publicUnlessPrivate =
  (what: string): ResourceRule =>
  (reader, ctx) => {
    if (ctx.mode === 'public' || reader.kind === 'party') return undefined;
    return unauthenticated('PrivateReadsToParties', `this ledger is private: ${what} are read by registered parties only; sign the request with your party key`);
  };

export const READ_RULES: Readonly<Record<ReadResource, ResourceRule>> = {
  verification: verificationIsPublic,
  log: publicUnlessPrivate('log entries'),
  cases: publicUnlessPrivate('cases'),
  reports: publicUnlessPrivate('reports'),
  parties: publicUnlessPrivate('parties'),
  // Who reads which releases is decided by accessLogScope; nobody reads it unsigned.
  access_log: (reader) => (reader.kind === 'party' ? undefined : unauthenticated('AccessLogToAuthoritiesAndSubjects', 'the access log is read on a signed request')),
};

export function mayRead(resource: ReadResource, reader: Reader, ctx: ReadContext): ReadRefusal | undefined {
  return READ_RULES[resource](reader, ctx);
}

/** A clear value of committed personal data: who committed it, whose data it is, and who asked for it to be disclosed. */
export interface HeldValue {
  seq: number;
  path: string;
  /** The actor of the act that carries the commitment. */
  committedBy: string;
  /** The person the value is about: the committer, or the user whose identity a `disclosure.granted` discloses. */
  subject: string;
  /** For a `disclosure.granted`: the party whose `disclosure.requested` it answers. */
  requester?: string;
}

export type ReleaseRule = 'ClearValueToCommitter' | 'ClearValueToSubject' | 'ClearValueToAuthority' | 'ClearValueToRequester';

/**
 * Clear personal data, whatever the mode: to the party who committed the value, the person it is
 * about, an accredited authority, and the requester of a granted disclosure. Nobody else; the
 * operator administers the ledger but reads no personal data.
 */
export function releaseRule(reader: Reader, value: HeldValue, ctx: ReadContext): ReleaseRule | ReadRefusal {
  if (reader.kind === 'anonymous') return unauthenticated('ClearPersonalData', 'clear personal data is released only on a request signed by a party entitled to it');
  const id = reader.party.id;
  if (id === value.committedBy) return 'ClearValueToCommitter';
  if (id === value.subject) return 'ClearValueToSubject';
  if (isAuthorityReader(reader, ctx)) return 'ClearValueToAuthority';
  if (value.requester !== undefined && id === value.requester) return 'ClearValueToRequester';
  return notAllowed('ClearPersonalData', `${id} may not read this clear personal data: only the party who committed it, the person it is about, an authority, or the requester of a granted disclosure`);
}

/** The access log: authorities read every release; a party reads the releases of its own data; nobody else. */
export function accessLogScope(reader: Reader, ctx: ReadContext): { all: true } | { subject: string } | ReadRefusal {
  if (reader.kind === 'anonymous') return unauthenticated('AccessLogToAuthoritiesAndSubjects', 'the access log is read on a signed request');
  if (isAuthorityReader(reader, ctx)) return { all: true };
  return { subject: reader.party.id };
}

/** Erasure of a clear value: asked by the person it is about, an authority, or an operator on their behalf. */
export function erasureRule(actor: PartyState, value: HeldValue, ctx: ReadContext): ReadRefusal | undefined {
  const reader: Reader = { kind: 'party', party: actor };
  if (actor.id === value.subject || isAuthorityReader(reader, ctx) || isOperatorReader(reader, ctx)) return undefined;
  return notAllowed('ErasureBySubjectAuthorityOrOperator', `${actor.id} may not erase ${value.path} of seq ${value.seq}: only the person it is about (${value.subject}), an authority or an operator`);
}
