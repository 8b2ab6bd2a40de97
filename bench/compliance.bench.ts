import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ComplianceService } from '../src/application/compliance-service.js';
import type { NewEntry } from '../src/application/ports/ledger-store.js';
import { Projector } from '../src/application/projections/projector.js';
import { ReportCache } from '../src/application/projections/report-cache.js';
import { SqliteProjectionStore } from '../src/store/sqlite/sqlite-projection-store.js';
import { encodeEntry } from '../src/audit/entry.js';
import { toHex } from '../src/audit/encoding.js';
import { hashLeaf } from '../src/audit/merkle-hash.js';
import { CompactRange } from '../src/audit/merkle-tree.js';
import { SqliteLedgerStore } from '../src/store/sqlite/sqlite-ledger-store.js';
import { round } from './stats.js';
import { benchExportsInChild } from './exports.bench.js';

const FAKE_SIG = `${'A'.repeat(86)}==`;
const KEY = `${'A'.repeat(43)}=`;

/**
 * A provider with `cases` DMCA cases (notice, takedown, forward; every tenth with a counter-notice and
 * restoration) for cases/5 users, written straight into a SQLite store as entries (the projections do
 * not check signatures; the audit does). Measures a full projection rebuild from the store and the
 * provider's compliance report over all its cases.
 */
export async function benchCompliance(tmp: string, cases: number, log: (line: string) => void) {
  const store = new SqliteLedgerStore(join(tmp, 'compliance', 'ledger.db'));
  const range = CompactRange.empty();
  const lastLeaf = new Map<string, string>();
  const revisions = new Map<string, number>();
  let seq = 0;
  let batch: NewEntry[] = [];
  let nodes: { level: number; index: number; hash: Uint8Array }[] = [];
  const start = Date.parse('2027-01-04T15:00:00.000Z');
  const flush = async () => {
    await store.append(batch, nodes);
    batch = [];
    nodes = [];
  };
  const add = async (stream: string, type: string, actor: string, data: Record<string, unknown>, atMs: number, caseId?: string) => {
    const recordedAt = new Date(atMs).toISOString();
    const act = { v: 1, id: randomUUID(), type, ...(caseId ? { case: caseId } : {}), actor, at: recordedAt, data, sig: FAKE_SIG };
    const revision = (revisions.get(stream) ?? -1) + 1;
    const bytes = encodeEntry({ v: 1, seq, recordedAt, stream, revision, prev: lastLeaf.get(stream) ?? null, act });
    const leaf = hashLeaf(bytes);
    batch.push({ seq, stream, revision, actId: act.id, recordedAt, bytes, leaf, disclosures: [] });
    for (const node of range.append(leaf)) if (node.level > 0) nodes.push(node);
    revisions.set(stream, revision);
    lastLeaf.set(stream, toHex(leaf));
    seq++;
    if (batch.length >= 5000) await flush();
  };
  await add('party-holder', 'party.registered', 'holder', { name: 'Holder', roles: ['rights_holder'], publicKey: KEY }, start - 86_400_000);
  await add('party-host', 'party.registered', 'host', { name: 'Host', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], publicKey: KEY }, start - 86_400_000);
  await add('party-host', 'provider.agent_designated', 'host', { registry: 'DMCA-1', designatedOn: '2026-06-01' }, start - 86_400_000);
  await add('party-host', 'provider.policy_adopted', 'host', { repeatInfringer: { strikes: 3, windowDays: 90, action: 'terminate', actionWithinDays: 2, countDisputed: false } }, start - 86_400_000);
  const spacing = Math.floor((120 * 86_400_000) / cases); // spread over four months
  for (let i = 0; i < cases; i++) {
    const caseId = `b-${i}`;
    const stream = `case-${caseId}`;
    const user = `user-${i % Math.max(1, Math.floor(cases / 5))}`;
    const item = `https://tube.example/v/${i}`;
    const t = start + i * spacing;
    await add(stream, 'notice.submitted', 'holder', { provider: 'host', pack: 'us-dmca', works: ['W'], items: [{ locator: item }], claimant: { name: 'Holder', contact: `sha256:${'ab'.repeat(32)}` }, statements: { goodFaith: true, accuracy: true, authorized: true }, user }, t, caseId);
    await add(stream, 'measure.taken', 'host', { measure: 'disabled', items: [item], basis: 'notice' }, t + 3_600_000, caseId);
    await add(stream, 'notice.forwarded', 'host', { user }, t + 3_700_000, caseId);
    if (i % 10 === 0) {
      await add(stream, 'counter_notice.submitted', user, { statements: { goodFaithMistake: true } }, t + 86_400_000, caseId);
      await add(stream, 'counter_notice.forwarded', 'host', {}, t + 90_000_000, caseId);
      await add(stream, 'measure.lifted', 'host', { items: [item], reason: 'counter_notice' }, t + 12 * 86_400_000, caseId);
    }
  }
  await flush();
  log(`  wrote ${seq} events for ${cases} cases of one provider`);

  const rebuildStart = performance.now();
  const projections = new SqliteProjectionStore(join(tmp, 'compliance', 'projections.db'));
  const projector = new Projector(store, projections, { batchSize: 5000 });
  await projector.catchUp();
  const rebuildSeconds = (performance.now() - rebuildStart) / 1000;
  const eventsPerSecond = Math.round(seq / rebuildSeconds);
  log(`  full projection rebuild: ${seq} events in ${rebuildSeconds.toFixed(2)} s (${eventsPerSecond} events/s)`);

  const asOf = new Date(start + 130 * 86_400_000);
  // No report cache: every run computes the report from the projection store.
  const service = new ComplianceService(projections, () => projector.catchUp(), store, { now: () => asOf }, {}, new ReportCache(0));
  const times: number[] = [];
  let report;
  for (let i = 0; i < Number(process.env.REPORT_RUNS ?? 3); i++) {
    const t0 = performance.now();
    report = (await service.providerCompliance('host')).value;
    times.push(performance.now() - t0);
  }
  const reportMs = round(Math.min(...times));
  const us = report!.packs[0];
  log(`  compliance report over ${us.cases} cases: ${reportMs} ms (best of 3, computed each time; ${us.safeHarbor.status}, ${Object.keys(us.obligations).length} obligation keys)`);
  projections.close();
  await store.close();
  const exports = await benchExportsInChild(join(tmp, 'compliance'), asOf, log);
  return { cases, events: seq, rebuild: { seconds: round(rebuildSeconds), eventsPerSecond }, report: { ms: reportMs, allRunsMs: times.map((t) => round(t)) }, exports };
}
