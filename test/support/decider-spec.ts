import { expect } from 'vitest';
import { authorize, type TrustAnchors } from '../../src/domain/actor-rules.js';
import { ACTS_ABOUT_ANOTHER_PARTY, isCaseActType, type Act, type ActType } from '../../src/domain/acts/envelope.js';
import { decideCase } from '../../src/domain/case/decide.js';
import { evolveCase, initialCaseState } from '../../src/domain/case/state.js';
import type { Rejection } from '../../src/domain/errors.js';
import { decideParty } from '../../src/domain/party/decide.js';
import { evolveParty, initialPartyState, type PartyState } from '../../src/domain/party/state.js';
import type { RecordedAct } from '../../src/domain/recorded-act.js';

const FAKE_SIG = 'A'.repeat(86) + '==';
let counter = 0;

/** An unsigned act for domain specs: the domain never sees signatures (they are checked before). */
export function act(type: ActType, actor: string, data: Record<string, unknown> = {}, caseId?: string): Act {
  counter++;
  return {
    v: 1,
    id: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    type,
    ...(caseId === undefined ? {} : { case: caseId }),
    actor,
    at: '2030-01-01T00:00:00.000Z',
    data,
    sig: FAKE_SIG,
  } as Act;
}

export function recorded(acts: Act[]): RecordedAct[] {
  return acts.map((a, i) => ({ act: a, seq: i, revision: i, recordedAt: '2030-01-01T00:00:00.000Z', leaf: '00'.repeat(32) }));
}

export function partyFrom(registration: Act, ...more: Act[]): PartyState {
  return recorded([registration, ...more]).reduce(evolveParty, initialPartyState(registration.actor));
}

type Outcome = { accepted: true } | { accepted: false; rejection: Rejection };

/** Runs the whole domain check of one act: actor rules first, then the stream's decider. */
function run(parties: Map<string, PartyState>, history: Act[], when: Act, anchors: TrustAnchors): Outcome {
  const actor = parties.get(when.actor) ?? initialPartyState(when.actor);
  const context = { party: (id: string) => parties.get(id), anchors, now: '2030-01-01T00:00:00.000Z' };
  if (isCaseActType(when.type)) {
    const state = recorded(history).reduce(evolveCase, initialCaseState(when.case as string));
    const rejection = authorize({ act: when, actor, case: state, ...context });
    if (rejection) return { accepted: false, rejection };
    const decision = decideCase(state, when);
    return decision.ok ? { accepted: true } : { accepted: false, rejection: decision.rejection };
  }
  // An accreditation goes to the stream of the party it names; every other party act to the actor's.
  const about = ACTS_ABOUT_ANOTHER_PARTY.has(when.type) ? (when.data as { party: string }).party : when.actor;
  const state = recorded(history).reduce(evolveParty, initialPartyState(about));
  const signer = about === when.actor && state.registered ? state : actor;
  const rejection = authorize({ act: when, actor: signer, case: initialCaseState(''), ...context });
  if (rejection) return { accepted: false, rejection };
  const decision = decideParty(state, when);
  return decision.ok ? { accepted: true } : { accepted: false, rejection: decision.rejection };
}

/** `given(parties, history).when(act).then()` / `.thenRejects(code, rule)`, in the style of Emmett's decider specs. */
export function given(parties: PartyState[], history: Act[] = [], anchors: TrustAnchors = new Map()) {
  const byId = new Map(parties.map((p) => [p.id, p]));
  return {
    when(when: Act) {
      const outcome = run(byId, history, when, anchors);
      return {
        then(): void {
          expect(outcome, JSON.stringify(outcome)).toEqual({ accepted: true });
        },
        thenRejects(code: Rejection['code'], rule: string): void {
          expect(outcome.accepted).toBe(false);
          const { rejection } = outcome as { rejection: Rejection };
          expect({ code: rejection.code, rule: rejection.rule }).toEqual({ code, rule });
          // Errors say what to fix: every refusal explains itself and names the field at fault.
          expect(rejection.message.length, `${rule} gives no message`).toBeGreaterThan(20);
          expect(rejection.message).not.toMatch(/undefined|\[object/);
          expect(rejection.field, `${rule} names no field`).toMatch(/^[a-z]/);
        },
      };
    },
  };
}
