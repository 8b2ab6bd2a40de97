import { expect } from 'vitest';
import type { CaseBundle } from '../../src/audit/bundle.js';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import { rejudgeBundle } from '../../src/verdict/rejudge.js';
import type { Harness } from './harness.js';

/**
 * The differential check of offline re-judgement: every case of the ledger, fetched as a bundle,
 * verified and judged again from its entries alone at each time, equals the server's own judgement
 * of that case at that time (GET /v1/cases/:id?asOf=, computed from the store by another path).
 * Returns how many judgements were compared.
 */
export async function expectOfflineJudgementsEqualServer(ledger: Harness, times: string[]): Promise<number> {
  const vkey = parseVerifierKey((await ledger.http.get('/v1/log/key')).body.vkey)!;
  const ids = ((await ledger.http.get('/v1/cases?limit=1000')).body.items as { id: string }[]).map((c) => c.id);
  let compared = 0;
  for (const id of ids) {
    const bundle = (await ledger.http.get(`/v1/cases/${id}/bundle`)).body as CaseBundle;
    expect(verifyBundle(bundle, vkey, verifyStrictNode).failures, id).toEqual([]);
    expect(rejudgeBundle(bundle).failures, `${id} at the ledger's own time`).toEqual([]);
    for (const asOf of times) {
      const server = (await ledger.http.get(`/v1/cases/${id}?asOf=${asOf}`)).body as { judged: boolean; pack?: string; assessment?: unknown; obligations?: unknown; protection?: unknown; dueDiligence?: unknown };
      const offline = rejudgeBundle(bundle, asOf).judgement;
      const served = server.judged ? { pack: server.pack, assessment: server.assessment, obligations: server.obligations, protection: server.protection, ...(server.dueDiligence ? { dueDiligence: server.dueDiligence } : {}) } : null;
      const recomputed = offline && { pack: offline.pack, assessment: offline.assessment, obligations: offline.obligations, protection: offline.protection, ...(offline.dueDiligence ? { dueDiligence: offline.dueDiligence } : {}) };
      expect(recomputed, `${id} as of ${asOf}`).toEqual(served);
      compared++;
    }
  }
  return compared;
}
