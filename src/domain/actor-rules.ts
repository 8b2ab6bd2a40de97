import type { Act, ActData, ActType } from './acts/envelope.js';
import type { Role } from './acts/primitives.js';
import type { CaseState } from './case/state.js';
import type { Rejection } from './errors.js';
import type { PartyState } from './party/state.js';

/** What an actor rule may look at: the signing party, the case (for case acts) and other parties. */
export interface ActorContext {
  act: Act;
  actor: PartyState;
  case: CaseState;
  party(id: string): PartyState | undefined;
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
  actor.id === c.provider ? undefined : notAllowed('ActorIsCaseProvider', `only the case's provider ${c.provider} may record ${act.type}`);

const isCaseNotifier: ActorRule = ({ act, actor, case: c }) =>
  actor.id === c.notifier ? undefined : notAllowed('ActorIsCaseNotifier', `only the case's notifier ${c.notifier} may record ${act.type}`);

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

/** A provider records only notices that it received itself. */
const recordsOwnNotice: ActorRule = ({ act, actor }) => {
  const { provider } = act.data as ActData<'notice.received'>;
  return provider === actor.id ? undefined : notAllowed('ProviderRecordsOwnNotice', `a provider records only notices sent to it; data.provider is ${provider}`, 'data.provider');
};

const self: ActorRule = () => undefined; // party acts are signed by the stream's own party

/** Who may record each act (DESIGN.md §4, "actor" column). Checked before the decider runs. */
export const ACTOR_RULES: Record<ActType, ActorRule> = {
  'party.registered': self,
  'party.key_rotated': self,
  'provider.agent_designated': hasRole('provider'),
  'provider.policy_adopted': hasRole('provider'),
  'user.warned': hasRole('provider'),
  'user.suspended': hasRole('provider'),
  'user.terminated': hasRole('provider'),
  'notifier.warned': hasRole('provider'),
  'notifier.suspended': hasRole('provider'),
  'notice.submitted': allOf(hasRole('rights_holder'), namesRegisteredProvider),
  'notice.received': allOf(hasRole('provider'), recordsOwnNotice),
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
  'disclosure.requested': anyOf(isCaseNotifier, hasRole('authority')),
  'disclosure.opinion_requested': isCaseProvider,
  'disclosure.opinion_given': isCaseUser,
  'disclosure.granted': isCaseProvider,
  'disclosure.refused': isCaseProvider,
  'finding.recorded': hasRole('authority'),
};

export function authorize(ctx: ActorContext): Rejection | undefined {
  return ACTOR_RULES[ctx.act.type](ctx);
}
