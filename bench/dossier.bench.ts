import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BundleBuilder } from '../src/application/bundle-builder.js';
import { Checkpointer } from '../src/application/checkpointer.js';
import { WorkerCrypto } from '../src/application/crypto/worker-crypto.js';
import { DossierBuilder } from '../src/application/dossier-builder.js';
import { Ledger } from '../src/application/ledger.js';
import { LedgerKey } from '../src/application/ledger-key.js';
import { LogProofs } from '../src/application/log-proofs.js';
import { SystemClock } from '../src/application/ports/clock.js';
import { Projector } from '../src/application/projections/projector.js';
import { parseSubmission } from '../src/application/submission.js';
import { parseVerifierKey } from '../src/audit/checkpoint.js';
import { verifyStrictNode } from '../src/backends/node-crypto.js';
import { verifyDossier } from '../src/audit/verify-dossier.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from '../src/store/sqlite/sqlite-projection-store.js';
import { rejudgeDossier } from '../src/verdict/dossier.js';
import { host, notices, registrations } from './acts.js';
import { round } from './stats.js';

export interface DossierFigures {
  cases: number;
  entries: number;
  buildSeconds: number;
  megabytes: number;
  verifySeconds: number;
  rejudgeSeconds: number;
}

/**
 * A provider's dossier of `cases` cases (notice, takedown, forward each, signed for real), built in
 * process from a SQLite ledger, then verified and re-judged offline as harbor verify does it.
 */
export async function benchDossier(tmp: string, cases: number, log: (line: string) => void): Promise<DossierFigures> {
  const store = new SqliteLedgerStore(join(tmp, 'dossier', 'ledger.db'));
  const key = LedgerKey.fromSeed('bench.example/log', new Uint8Array(32).fill(8));
  const clock = new SystemClock();
  const ledger = new Ledger(store, clock, key, {}, {}, new WorkerCrypto(key, Math.max(1, availableParallelism() - 1)));
  const checkpointer = new Checkpointer(store, () => ledger.head(), new LogProofs(store), key, clock);
  for (const act of registrations()) await ledger.submit(parseSubmission(act));
  const all = notices(cases, 'dossier').map((text) => JSON.parse(text) as { case: string; data: { items: { locator: string }[] } });
  for (let i = 0; i < all.length; i += 1000) {
    const part = all.slice(i, i + 1000);
    await Promise.all(part.map((act) => ledger.submit(parseSubmission(act))));
    await Promise.all(part.map((act) => ledger.submit(parseSubmission(host.act('measure.taken', { measure: 'disabled', items: [act.data.items[0].locator], basis: 'notice' }, act.case)))));
    await Promise.all(part.map((act) => ledger.submit(parseSubmission(host.act('notice.forwarded', { user: `u-${act.case}` }, act.case)))));
  }
  const entries = await store.size();
  const projections = new SqliteProjectionStore(join(tmp, 'dossier', 'projections.db'));
  await new Projector(store, projections).catchUp();

  let t0 = performance.now();
  const bundles = new BundleBuilder(store, checkpointer, key, undefined, clock);
  const dossier = await new DossierBuilder(store, bundles, key, clock, async (provider, from) => projections.caseIdsOf(provider, 'provider', from), cases + 1).build(host.id);
  const text = JSON.stringify(dossier);
  const buildSeconds = (performance.now() - t0) / 1000;
  await ledger.close();
  await checkpointer.stop();
  projections.close();
  await store.close();

  const parsed = JSON.parse(text) as typeof dossier;
  t0 = performance.now();
  const report = verifyDossier(parsed, parseVerifierKey(key.verifierKey)!, verifyStrictNode);
  const verifySeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const rejudged = rejudgeDossier(parsed);
  const rejudgeSeconds = (performance.now() - t0) / 1000;
  if (!report.ok || rejudged.failures.length || rejudged.cases.length !== cases) throw new Error(`the bench dossier does not verify: ${JSON.stringify(report.failures.slice(0, 3))} ${JSON.stringify(rejudged.failures.slice(0, 3))}`);
  const figures = { cases, entries, buildSeconds: round(buildSeconds), megabytes: round(text.length / 1e6, 1), verifySeconds: round(verifySeconds), rejudgeSeconds: round(rejudgeSeconds) };
  log(`  a dossier of ${cases} cases (${figures.megabytes} MB, built in ${figures.buildSeconds} s from ${entries} entries): verified in ${figures.verifySeconds} s, re-judged with the provider's standing in ${figures.rejudgeSeconds} s (${round(verifySeconds + rejudgeSeconds)} s together)`);
  return figures;
}
