import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { BundleBuilder } from '../src/application/bundle-builder.js';
import { Checkpointer } from '../src/application/checkpointer.js';
import { WorkerCrypto } from '../src/application/crypto/worker-crypto.js';
import { Ledger } from '../src/application/ledger.js';
import { LedgerKey } from '../src/application/ledger-key.js';
import { LogProofs } from '../src/application/log-proofs.js';
import { SystemClock } from '../src/application/ports/clock.js';
import { auditStore } from '../src/application/store-audit.js';
import { parseSubmission } from '../src/application/submission.js';
import { parseVerifierKey } from '../src/audit/checkpoint.js';
import { keyPairFromSeed, signNacl, verifyStrictNacl } from '../src/audit/ed25519-nacl.js';
import { StrictEd25519Verifier, verifyStrictNode } from '../src/backends/node-crypto.js';
import { verifyBundle } from '../src/audit/verify-bundle.js';
import { rejudgeBundle } from '../src/verdict/rejudge.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { holder, host, notices, registrations } from './acts.js';
import { round, summarize } from './stats.js';

export interface AuditFigures {
  audit: { entries: number; seconds: number; entriesPerSecond: number; workers: number; verifyPerSecondOneCore: number; ceilingAllCores: number };
  bundle50: { acts: number; node: { p50Ms: number; p99Ms: number }; tweetnacl: { medianMs: number }; rejudged: { p50Ms: number; p99Ms: number } };
}

/** Strict Ed25519 verifications a second on one core with a cached key: the audit's unit of work. */
function measureVerifyRate(): number {
  const pair = keyPairFromSeed(new Uint8Array(32).fill(9));
  const message = new Uint8Array(900).fill(1);
  const signature = signNacl(pair.secretKey, message);
  const verifier = new StrictEd25519Verifier(pair.publicKey);
  let count = 0;
  const started = performance.now();
  while (performance.now() - started < 1000) {
    for (let i = 0; i < 100; i++) verifier.verify(message, signature);
    count += 100;
  }
  return Math.round(count / ((performance.now() - started) / 1000));
}

/** A store of real signed acts with checkpoints: its audit rate on every core, and a 50-act case bundle's verification time. */
export async function benchAudit(tmp: string, entries: number, log: (line: string) => void): Promise<AuditFigures> {
  const store = new SqliteLedgerStore(join(tmp, 'audit', 'ledger.db'));
  const key = LedgerKey.fromSeed('bench.example/log', new Uint8Array(32).fill(7));
  const workers = Math.max(1, availableParallelism() - 1);
  const ledger = new Ledger(store, new SystemClock(), key, {}, {}, new WorkerCrypto(key, workers));
  const checkpointer = new Checkpointer(store, () => ledger.head(), new LogProofs(store), key, new SystemClock());
  await checkpointer.tick();
  for (const act of registrations()) await ledger.submit(parseSubmission(act));
  const acts = notices(entries, 'audit');
  for (let i = 0; i < acts.length; i += 2000) {
    await Promise.all(acts.slice(i, i + 2000).map((text) => ledger.submit(parseSubmission(JSON.parse(text)))));
    await checkpointer.tick();
  }
  // A 50-act case: the notice, then acknowledgements and decisions by the provider.
  const caseId = 'bench-case-50';
  await ledger.submit(parseSubmission(holder.act('notice.submitted', { provider: host.id, pack: 'us-dmca', items: [{ locator: 'https://tube.example/x' }] }, caseId)));
  for (let i = 1; i < 50; i++) await ledger.submit(parseSubmission(host.act(i % 2 ? 'notice.acknowledged' : 'decision.notified', i % 2 ? {} : { decision: 'acted' }, caseId)));
  await ledger.close();
  await checkpointer.stop();

  const auditCrypto = new WorkerCrypto(undefined, availableParallelism());
  const vkey = parseVerifierKey(key.verifierKey)!;
  const report = await auditStore(store, { verify: (k, m, s) => auditCrypto.verify(k, m, s), ledgerKey: vkey });
  await auditCrypto.close();
  if (!report.ok) throw new Error(`the bench store failed its audit: ${JSON.stringify(report.failures[0])}`);
  const verifyRate = measureVerifyRate();
  const audit = {
    entries: report.entries,
    seconds: round(report.seconds),
    entriesPerSecond: Math.round(report.entries / report.seconds),
    workers: availableParallelism(),
    verifyPerSecondOneCore: verifyRate,
    ceilingAllCores: verifyRate * availableParallelism(),
  };
  log(`  audit of ${audit.entries} entries with ${audit.workers} signature workers: ${audit.entriesPerSecond} entries/s`);
  log(`  (this machine verifies ${verifyRate} Ed25519 signatures/s on one core: ${audit.ceilingAllCores}/s on all ${audit.workers} is the audit's ceiling)`);

  const bundle = await new BundleBuilder(store, checkpointer, key).build(caseId);
  const nodeTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const result = verifyBundle(bundle, vkey, verifyStrictNode);
    nodeTimes.push(performance.now() - t0);
    if (!result.ok) throw new Error('the bench bundle does not verify');
  }
  const naclTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    verifyBundle(bundle, vkey, verifyStrictNacl);
    naclTimes.push(performance.now() - t0);
  }
  // Verified and judged again from its entries, compared with the ledger's signed judgement (harbor verify).
  const rejudgeTimes: number[] = [];
  for (let i = 0; i < 30; i++) {
    const t0 = performance.now();
    const ok = verifyBundle(bundle, vkey, verifyStrictNode).ok && rejudgeBundle(bundle).failures.length === 0;
    rejudgeTimes.push(performance.now() - t0);
    if (!ok) throw new Error('the bench bundle does not re-judge to its claim');
  }
  await store.close();
  const node = summarize(nodeTimes);
  const rejudged = summarize(rejudgeTimes);
  const bundle50 = { acts: bundle.entries.length, node: { p50Ms: node.p50Ms, p99Ms: node.p99Ms }, tweetnacl: { medianMs: summarize(naclTimes).p50Ms }, rejudged: { p50Ms: rejudged.p50Ms, p99Ms: rejudged.p99Ms } };
  log(`  a ${bundle50.acts}-act case bundle verified offline: ${bundle50.node.p50Ms} ms (node:crypto), ${bundle50.tweetnacl.medianMs} ms (tweetnacl, as in a browser)`);
  log(`  the same verified and re-judged from its entries (compared with the signed judgement): p50 ${rejudged.p50Ms} ms, p99 ${rejudged.p99Ms} ms (node:crypto)`);
  return { audit, bundle50 };
}
