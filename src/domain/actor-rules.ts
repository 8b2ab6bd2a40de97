import type { Act, ActData, ActType } from './acts/envelope.js';
import type { Role } from './acts/primitives.js';
import { OPENING_ACTS, type CaseState } from './case/state.js';
import type { Rejection } from './errors.js';
import { erasureRule, type HeldValue } from './read-rules.js';
import { accreditedAt, type PartyState } from './party/state.js';
import { isAccreditedAuthority, isTrustAnchor, type TrustAnchors } from './powers.js';

export { isAccreditedAuthority, isTrustAnchor, registeredWithPinnedKey, type TrustAnchors } from './powers.js';


/** What an actor rule may look at: the signing party, the case (for case acts), other parties, the anchors and the time. */
export interface ActorContext {
  act: Act;
  actor: PartyState;
  case: CaseState;
  party(id: string): PartyState | undefined;
  anchors: TrustAnchors;
  /** When the act is recorded: accreditations are judged as of then. */
  now: string;
  /** The deployment's operators (pinned keys): they may erase personal data on a person's behalf. */
  operators?: TrustAnchors;
  /** For an erasure: the clear value it targets, as held beside the log (undefined: none is held). */
  erasureTarget?: HeldValue;
}

type ActorRule = (ctx: ActorContext) => Rejection | undefined;

const notAllowed = (rule: string, message: string, field = 'actor'): Rejection => ({ code: 'not_allowed', rule, message, field });

const hasRole =
  (...roles: Role[]): ActorRule =>
  ({ act, actor }) =>
    roles.some((role) => actor.roles.includes(role))
      ? undefined
      : notAllowed('ActorHasRole', `${act.type} needs an actor with role ${roles.join(' or ')}; ${actor.id} has ${actor.roles.join(', ')}`);

const isCaseProvider: ActorRule = ({ act, actor, case: c }) =>
  actor.id === c.provider ? undefined : notAllowed('ActorIsCaseProvider', c.provider ? `only the case's provider ${c.provider} may record ${act.type}` : `${act.type}: the case has no notice, so no provider`);

const isCaseNotifier: ActorRule = ({ act, actor, case: c }) =>
  actor.id === c.notifier ? undefined : notAllowed('ActorIsCaseNotifier', c.notifier ? `only the case's notifier ${c.notifier} may record ${act.type}` : `${act.type}: the case has no notice, so no notifier`);

const isCaseUser: ActorRule = ({ act, actor, case: c }) =>
  c.user && actor.id === c.user
    ? undefined
    : notAllowed('ActorIsCaseUser', c.user ? `only the case's user ${c.user} may record ${act.type}` : `${act.type}: the case has no known user yet`);

const anyOf =
  (...rules: ActorRule[]): ActorRule =>
  (ctx) => {
    const rejections = rules.map((r) => r(ctx));
    if (rejections.some((r) => r === undefined)) return undefined;
    return notAllowed('ActorMayAct', rejections.map((r) => r?.message).join('; or '));
  };

const allOf =
  (...rules: ActorRule[]): ActorRule =>
  (ctx) => {
    for (const r of rules) {
      const rejection = r(ctx);
      if (rejection) return rejection;
    }
    return undefined;
  };

/** The notice's provider must be a registered provider: its kind and packs decide the obligations. */
const namesRegisteredProvider: ActorRule = ({ act, party }) => {
  const { provider } = act.data as ActData<'notice.submitted'>;
  const target = party(provider);
  if (!target?.registered) return { code: 'not_found', rule: 'ProviderIsRegistered', message: `provider ${provider} is not a registered party`, field: 'data.provider' };
  if (!target.roles.includes('provider')) return notAllowed('ProviderIsRegistered', `${provider} is not registered as a provider`, 'data.provider');
  return undefined;
};

/** The provider named by an attested opening act, as namesRegisteredProvider checks it of a live one. */
const attestedProviderIsRegistered: ActorRule = (ctx) => {
  const past = (ctx.act.data as ActData<'history.attested'>).act;
  if (!OPENING_ACTS.has(past.type)) return undefined;
  const rejection = namesRegisteredProvider({ ...ctx, act: { ...ctx.act, data: past.data } as Act });
  return rejection && { ...rejection, field: 'data.act.data.provider' };
};

/** A provider records only notices that it received itself. */
const recordsOwnNotice: ActorRule = ({ act, actor }) => {
  const { provider } = act.data as ActData<'notice.received'>;
  return provider === actor.id ? undefined : notAllowed('ProviderRecordsOwnNotice', `a provider records only notices sent to it; data.provider is ${provider}`, 'data.provider');
};

const self: ActorRule = () => undefined; // party acts are signed by the stream's own party

const isAuthority: ActorRule = ({ act, actor, anchors, now }) =>
  isAccreditedAuthority(actor, anchors, now)
    ? undefined
    : notAllowed('ActorIsAccreditedAuthority', `${act.type} needs an authority accredited by a trust anchor; ${actor.id} ${actor.roles.includes('authority') ? 'claims the role but holds no accreditation' : 'is not an authority'}`);

/** Nobody takes the id of a trust anchor with another key. */
const registersAnchorWithItsKey: ActorRule = ({ act, anchors }) => {
  const pinned = anchors.get(act.actor);
  const { publicKey } = act.data as ActData<'party.registered'>;
  return pinned === undefined || pinned === publicKey ? undefined : notAllowed('AnchorRegistersWithPinnedKey', `${act.actor} is a trust anchor of this deployment and registers only with the key it pins`, 'data.publicKey');
};

/** Authorities are accredited by trust anchors; trusted flaggers by an anchor or an accredited authority (DSA Art 22: the Digital Services Coordinator). */
const mayAccredit: ActorRule = ({ act, actor, anchors, now }) => {
  const { status } = act.data as ActData<'party.accredited'>;
  if (isTrustAnchor(actor, anchors)) return undefined;
  if (status === 'trusted_flagger' && accreditedAt(actor, 'authority', now)) return undefined;
  const who = status === 'authority' ? 'a trust anchor' : 'a trust anchor or an accredited authority';
  return notAllowed('ActorMayAccredit', `only ${who} may give or revoke the status ${status}; ${actor.id} may not`);
};

/** The person a value is about, an authority, or an operator on their behalf (read-rules.ts erasureRule). */
const mayErase: ActorRule = ({ act, actor, anchors, operators, now, erasureTarget }) => {
  const { seq, path } = act.data as ActData<'personal_data.erased'>;
  if (!erasureTarget) return { code: 'not_found', rule: 'ErasureTargetsAHeldValue', message: `no clear value is held at ${path} of seq ${seq}`, field: 'data.path' };
  const refusal = erasureRule(actor, erasureTarget, { mode: 'public', anchors, operators: operators ?? new Map(), now });
  return refusal && notAllowed(refusal.rule, refusal.message);
};

/** Who may record each act (DESIGN.md §4, "actor" column). Checked before the decider runs. */
export const ACTOR_RULES: Record<ActType, ActorRule> = {
  'party.registered': registersAnchorWithItsKey,
  'party.key_rotated': self,
  'party.accredited': mayAccredit,
  'party.accreditation_revoked': mayAccredit,
  'provider.agent_designated': hasRole('provider'),
  'provider.policy_adopted': hasRole('provider'),
  'user.warned': hasRole('provider'),
  'user.suspended': hasRole('provider'),
  'user.terminated': hasRole('provider'),
  'notifier.warned': hasRole('provider'),
  'notifier.suspended': hasRole('provider'),
  'notice.submitted': allOf(hasRole('rights_holder'), namesRegisteredProvider),
  'notice.received': allOf(hasRole('provider'), recordsOwnNotice),
  // The provider of its own knowledge; an accredited authority of what it found the provider knew.
  'awareness.recorded': allOf(namesRegisteredProvider, anyOf(recordsOwnNotice, isAuthority)),
  'notice.acknowledged': isCaseProvider,
  'notice.deficiency_contacted': isCaseProvider,
  'notice.forwarded': isCaseProvider,
  'notice.rejected': isCaseProvider,
  'notice.withdrawn': isCaseNotifier,
  'decision.notified': isCaseProvider,
  'measure.taken': isCaseProvider,
  'reasons.stated': isCaseProvider,
  'reasons.published': isCaseProvider,
  'counter_notice.submitted': isCaseUser,
  'counter_notice.forwarded': isCaseProvider,
  'action.filed': isCaseNotifier,
  'measure.lifted': isCaseProvider,
  'complaint.lodged': anyOf(isCaseUser, isCaseNotifier),
  'complaint.decided': isCaseProvider,
  'sender.inquired': isCaseProvider,
  'sender.replied': isCaseUser,
  'disclosure.requested': anyOf(isCaseNotifier, isAuthority),
  'disclosure.opinion_requested': isCaseProvider,
  'disclosure.opinion_given': isCaseUser,
  'disclosure.granted': isCaseProvider,
  'disclosure.refused': isCaseProvider,
  'finding.recorded': isAuthority,
  // A court or authority attests a past procedure; the provider a past notice names must be registered.
  'history.attested': allOf(isAuthority, attestedProviderIsRegistered),
  'personal_data.erased': mayErase,
};

export function authorize(ctx: ActorContext): Rejection | undefined {
  return ACTOR_RULES[ctx.act.type](ctx);
}
