import type { Pack, ProviderKind, Role } from '../acts/primitives.js';
import type { ActData } from '../acts/envelope.js';
import type { AccreditedStatus } from '../acts/party-acts.js';
import type { RecordedAct } from '../recorded-act.js';

export interface PartyKey {
  /** Standard base64 of the 32-byte Ed25519 key. */
  publicKey: string;
  /** First seq whose act this key may sign (the seq of the act that introduced it). */
  fromSeq: number;
  fromRecordedAt: string;
  /** Seq of the rotation that retired it; acts after it need the next key. */
  retiredAtSeq?: number;
}

/** A status that confers power, given by a trust anchor or an accredited authority (DESIGN.md §10). */
export interface Accreditation {
  status: AccreditedStatus;
  /** The party that gave it: a trust anchor, or an accredited authority (trusted flaggers). */
  by: string;
  seq: number;
  recordedAt: string;
  reference?: string;
  until?: string;
  revokedAt?: string;
}

/** A provider's act against a user or notifier (warning, suspension, termination), kept for the projections. */
export interface Sanction {
  type: 'user.warned' | 'user.suspended' | 'user.terminated' | 'notifier.warned' | 'notifier.suspended';
  target: string;
  seq: number;
  recordedAt: string;
  until?: string;
  cases: string[];
}

export interface PartyState {
  id: string;
  registered: boolean;
  name: string;
  roles: Role[];
  providerKind?: ProviderKind;
  packs: Pack[];
  /** As the party declared them at registration; `trustedFlagger` is a claim that confers nothing without an accreditation. */
  flags: { largePlatform: boolean; microSmall: boolean; trustedFlagger: boolean };
  accreditations: Accreditation[];
  timeZone?: string;
  /** EU: the Member State it registered (periods end on its working days). */
  memberState?: string;
  keys: PartyKey[];
  registeredAt?: string;
  agent?: ActData<'provider.agent_designated'> & { seq: number; recordedAt: string };
  policy?: ActData<'provider.policy_adopted'> & { seq: number; recordedAt: string };
  /** Every designation of an agent, in order (US §512(c)(2)); `agent` is the latest. */
  agents: (ActData<'provider.agent_designated'> & { seq: number; recordedAt: string })[];
  sanctions: Sanction[];
  revision: number;
}

export function initialPartyState(id: string): PartyState {
  return {
    id,
    registered: false,
    name: '',
    roles: [],
    packs: [],
    flags: { largePlatform: false, microSmall: false, trustedFlagger: false },
    keys: [],
    agents: [],
    accreditations: [],
    sanctions: [],
    revision: -1,
  };
}

/**
 * Whether the party held the status for an act recorded at `at` (and, when given, at log position
 * `seq`): accredited before it, not expired, not revoked by then. Acts of one commit share their
 * recordedAt, so within the same instant the log order decides.
 */
export function accreditedAt(state: PartyState | undefined, status: AccreditedStatus, at: string, seq?: number): boolean {
  const before = (a: Accreditation) => a.recordedAt < at || (a.recordedAt === at && (seq === undefined || a.seq < seq));
  return (state?.accreditations ?? []).some((a) => a.status === status && before(a) && (!a.until || at < a.until) && (!a.revokedAt || at < a.revokedAt));
}

/** The key that signs the party's next act. */
export function currentKey(state: PartyState): string | undefined {
  return state.keys.at(-1)?.publicKey;
}

/** The key valid for an act at `seq`: the last key introduced at or before it. */
export function keyValidAt(state: PartyState, seq: number): string | undefined {
  let valid: string | undefined;
  for (const key of state.keys) if (key.fromSeq <= seq) valid = key.publicKey;
  return valid;
}

export function evolveParty(state: PartyState, recorded: RecordedAct): PartyState {
  const { act, seq, recordedAt, revision } = recorded;
  const next = { ...state, revision };
  switch (act.type) {
    case 'party.registered': {
      const data = act.data as ActData<'party.registered'>;
      return {
        ...next,
        registered: true,
        name: data.name,
        roles: [...data.roles],
        providerKind: data.providerKind,
        packs: [...(data.packs ?? [])],
        flags: {
          largePlatform: data.flags?.largePlatform ?? false,
          microSmall: data.flags?.microSmall ?? false,
          trustedFlagger: data.flags?.trustedFlagger ?? false,
        },
        timeZone: data.timeZone,
        ...(data.memberState ? { memberState: data.memberState } : {}),
        keys: [{ publicKey: data.publicKey, fromSeq: seq, fromRecordedAt: recordedAt }],
        registeredAt: recordedAt,
      };
    }
    case 'party.key_rotated': {
      const data = act.data as ActData<'party.key_rotated'>;
      const keys = state.keys.map((key, i) => (i === state.keys.length - 1 ? { ...key, retiredAtSeq: seq } : key));
      // The rotation itself is signed by the old key; the new key signs from the next act on.
      return { ...next, keys: [...keys, { publicKey: data.publicKey, fromSeq: seq + 1, fromRecordedAt: recordedAt }] };
    }
    case 'provider.agent_designated': {
      const agent = { ...(act.data as ActData<'provider.agent_designated'>), seq, recordedAt };
      return { ...next, agent, agents: [...state.agents, agent] };
    }
    case 'party.accredited': {
      const data = act.data as ActData<'party.accredited'>;
      const accreditation: Accreditation = { status: data.status, by: act.actor, seq, recordedAt, ...(data.reference ? { reference: data.reference } : {}), ...(data.until ? { until: data.until } : {}) };
      return { ...next, accreditations: [...state.accreditations, accreditation] };
    }
    case 'party.accreditation_revoked': {
      const { status } = act.data as ActData<'party.accreditation_revoked'>;
      const accreditations = state.accreditations.map((a) => (a.status === status && !a.revokedAt ? { ...a, revokedAt: recordedAt } : a));
      return { ...next, accreditations };
    }
    case 'provider.policy_adopted':
      return { ...next, policy: { ...(act.data as ActData<'provider.policy_adopted'>), seq, recordedAt } };
    case 'user.warned':
    case 'user.suspended':
    case 'user.terminated':
    case 'notifier.warned':
    case 'notifier.suspended': {
      const data = act.data as { user?: string; notifier?: string; until?: string; cases?: string[] };
      const sanction: Sanction = { type: act.type, target: (data.user ?? data.notifier) as string, seq, recordedAt, until: data.until, cases: data.cases ?? [] };
      return { ...next, sanctions: [...state.sanctions, sanction] };
    }
    default:
      return next;
  }
}

/**
 * A party's state from its recorded acts (in order) up to `asOf` (without it: all of them). Sanctions
 * are gathered apart and attached once: folding them through evolveParty would copy the list at every
 * step (quadratic).
 */
export function partyAsOf(id: string, recorded: readonly RecordedAct[], asOf?: string): PartyState {
  let state = initialPartyState(id);
  const sanctions: Sanction[] = [];
  for (const r of recorded) {
    if (asOf !== undefined && r.recordedAt > asOf) break;
    state = evolveParty(state, r);
    if (state.sanctions.length) sanctions.push(state.sanctions[0]);
    state = state.sanctions.length ? { ...state, sanctions: [] } : state;
  }
  return sanctions.length ? { ...state, sanctions } : state;
}

const sanctionIndexes = new WeakMap<readonly Sanction[], Map<string, Sanction[]>>();

/** A provider's sanctions against one target, in log order: indexed once per sanctions list. */
export function sanctionsAgainst(provider: PartyState, target: string): readonly Sanction[] {
  let index = sanctionIndexes.get(provider.sanctions);
  if (!index) {
    index = new Map();
    for (const s of provider.sanctions) {
      const list = index.get(s.target);
      if (list) list.push(s);
      else index.set(s.target, [s]);
    }
    sanctionIndexes.set(provider.sanctions, index);
  }
  return index.get(target) ?? [];
}
