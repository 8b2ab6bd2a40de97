import type { ActData, ActType } from '../acts/envelope.js';
import type { RecordedAct } from '../recorded-act.js';
import { effectiveAct, type Attestation } from '../case/history-act.js';
import { notifierOfNotice, OPENING_ACTS } from '../case/state.js';

/** One recorded act of a case, as the rule packs read it. */
export interface Happened<T extends ActType = ActType> {
  type: T;
  seq: number;
  /** When the act happened for the law: when it was recorded, or for a received notice, when the provider received it. */
  recordedAt: string;
  /** A received notice's own recording time, when it claims an earlier receipt. */
  loggedAt?: string;
  actor: string;
  data: ActData<T>;
  /** Set for an act of a past procedure an authority attested: who, when recorded, on what evidence. */
  attested?: Attestation;
}

/** The time an opening act claims for itself: a received notice's receipt, the provider's awareness. */
function claimedAt(r: RecordedAct): string | undefined {
  if (r.act.type === 'notice.received') return (r.act.data as ActData<'notice.received'>).receivedAt;
  if (r.act.type === 'awareness.recorded') return (r.act.data as ActData<'awareness.recorded'>).awareAt;
  return undefined;
}

/** A received notice's clock starts at its claimed receipt, awareness at its claimed time (never after the recording); other acts at their recording. */
function times(r: RecordedAct): { recordedAt: string; loggedAt?: string } {
  const receivedAt = claimedAt(r);
  if (!receivedAt || Date.parse(receivedAt) >= Date.parse(r.recordedAt)) return { recordedAt: r.recordedAt };
  return { recordedAt: new Date(Date.parse(receivedAt)).toISOString(), loggedAt: r.recordedAt };
}

/**
 * A case's acts up to a time, indexed for the rule packs' questions: "the first measure after the
 * notice", "every counter-notice", and so on. Pure; built from the case stream.
 */
export class CaseHistory {
  readonly acts: Happened[];

  constructor(
    readonly caseId: string,
    recorded: readonly RecordedAct[],
    asOf: string,
  ) {
    // Attested history counts from when it occurred.
    this.acts = recorded
      .map(effectiveAct)
      .filter((r) => r.recordedAt <= asOf)
      .map((r) => ({ type: r.act.type, seq: r.seq, ...times(r), actor: r.act.actor, data: r.act.data, ...(r.attestation ? { attested: r.attestation } : {}) }) as Happened);
  }

  /** The act that opened the case: its notice, or the provider's awareness. */
  get opening(): Happened<'notice.submitted' | 'notice.received' | 'awareness.recorded'> | undefined {
    const first = this.acts[0];
    return first && OPENING_ACTS.has(first.type) ? (first as Happened<'notice.submitted' | 'notice.received' | 'awareness.recorded'>) : undefined;
  }

  get notice(): Happened<'notice.submitted' | 'notice.received'> | undefined {
    const first = this.acts[0];
    return first && (first.type === 'notice.submitted' || first.type === 'notice.received') ? (first as Happened<'notice.submitted' | 'notice.received'>) : undefined;
  }

  /** Who sent the notice: its signer, or the `notifier` of a notice the provider received. */
  get notifier(): string | undefined {
    const notice = this.notice;
    return notice && notifierOfNotice(notice);
  }

  get provider(): string | undefined {
    return this.opening?.data.provider;
  }

  /** The user whose content is at issue: named by the notice, or by the provider's forward. */
  get user(): string | undefined {
    let user = this.opening?.data.user;
    for (const forward of this.all('notice.forwarded')) user = forward.data.user ?? user;
    return user;
  }

  all<T extends ActType>(type: T, where: (act: Happened<T>) => boolean = () => true): Happened<T>[] {
    return this.acts.filter((a) => a.type === type && where(a as Happened<T>)) as Happened<T>[];
  }

  /** The first act of one of the types recorded at or after `after` (an instant), if any. */
  first<T extends ActType>(types: T | T[], after?: string, where: (act: Happened<T>) => boolean = () => true): Happened<T> | undefined {
    const wanted = Array.isArray(types) ? types : [types];
    return this.acts.find((a) => wanted.includes(a.type as T) && (after === undefined || a.recordedAt >= after) && where(a as Happened<T>)) as Happened<T> | undefined;
  }
}
