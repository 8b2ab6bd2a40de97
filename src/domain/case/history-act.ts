import type { ActData } from '../acts/envelope.js';
import type { RecordedAct } from '../recorded-act.js';

/** Who attested a past act, when the ledger recorded the attestation, and what it rests on. */
export interface Attestation {
  by: string;
  seq: number;
  recordedAt: string;
  reference: string;
  evidence: string[];
  note?: string;
}

export type EffectiveAct = RecordedAct & { attestation?: Attestation };

/**
 * A recorded act as the law reads it: an attested act of a past procedure (`history.attested`) is
 * the act itself, by its own actor, at the time it occurred, with its attestation beside it; any
 * other act is itself.
 */
export function effectiveAct(r: RecordedAct): EffectiveAct {
  if (r.act.type !== 'history.attested') return r;
  const { occurredAt, act, provenance } = r.act.data as ActData<'history.attested'>;
  const at = new Date(Date.parse(occurredAt)).toISOString();
  const attestation: Attestation = { by: r.act.actor, seq: r.seq, recordedAt: r.recordedAt, reference: provenance.reference, evidence: provenance.evidence, ...(provenance.note ? { note: provenance.note } : {}) };
  return { ...r, recordedAt: at, act: { ...r.act, type: act.type, actor: act.actor, data: act.data, at } as RecordedAct['act'], attestation };
}

/** When an act counts for the law: when it occurred (attested history), else when the ledger recorded it. */
export function effectiveTime(r: RecordedAct): string {
  return r.act.type === 'history.attested' ? new Date(Date.parse((r.act.data as ActData<'history.attested'>).occurredAt)).toISOString() : r.recordedAt;
}
