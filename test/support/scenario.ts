import type { Harness } from './harness.js';
import type { TestParty } from './parties.js';
import type { ActType } from '../../src/domain/acts/envelope.js';

/** Records acts at given ledger times with the test clock, as a case unfolds over weeks. */
export function scenario(ledger: Harness) {
  return async function at(time: string, party: TestParty, type: ActType, caseId: string | undefined, data: Record<string, unknown> = {}) {
    await ledger.setClock(time);
    const act = caseId === undefined ? party.act(type, data, { at: time }) : party.act(type, data, { case: caseId, at: time });
    const res = await ledger.post(act);
    if (res.status !== 201) throw new Error(`${type} at ${time}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
}

export type Obligations = { key: string; status: string; note: string; byLocalDate?: string }[];

/** The statuses of a case's obligations by key (several of one key joined with commas), as of a time. */
export async function statuses(ledger: Harness, caseId: string, asOf: string): Promise<Record<string, string>> {
  const view = (await ledger.http.get(`/v1/cases/${caseId}?asOf=${asOf}`)).body as { obligations: Obligations };
  const out: Record<string, string> = {};
  for (const o of view.obligations) out[o.key] = out[o.key] ? `${out[o.key]},${o.status}` : o.status;
  return out;
}

/**
 * Steps of several interleaved cases, noted in any order and played in time order (the test clock
 * moves forward only).
 */
export function timedSteps(ledger: Harness) {
  const record = scenario(ledger);
  const steps: Parameters<typeof record>[] = [];
  return {
    at: (...step: Parameters<typeof record>) => {
      steps.push(step);
    },
    play: async () => {
      for (const step of steps.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) await record(...step);
    },
  };
}
