import { describe, expect, it } from 'vitest';
import { BundleBuilder } from '../../src/application/bundle-builder.js';
import { Checkpointer } from '../../src/application/checkpointer.js';
import { Ledger } from '../../src/application/ledger.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { LogProofs } from '../../src/application/log-proofs.js';
import { ManualClock } from '../../src/application/ports/clock.js';
import { parseSubmission } from '../../src/application/submission.js';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import { EsdbLedgerStore } from '../../src/store/esdb/esdb-ledger-store.js';
import { FakeEsdbServer } from '../support/fake-esdb-client.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';

describe('the ledger on the EventStoreDB adapter (stand-in server)', () => {
  it('records a case, signs checkpoints, and serves a bundle that verifies offline', async () => {
    const store = new EsdbLedgerStore(new FakeEsdbServer().connect());
    const key = LedgerKey.fromSeed('esdb.example/log', new Uint8Array(32).fill(4));
    const clock = new ManualClock();
    const ledger = new Ledger(store, clock, key);
    const checkpointer = new Checkpointer(store, () => ledger.head(), new LogProofs(store), key, clock);
    const [holder, host, user] = [rightsHolder(), usHost(), uploader()];
    for (const act of [holder.register(), host.register(), user.register()]) await ledger.submit(parseSubmission(act));
    await checkpointer.tick();
    await ledger.submit(parseSubmission(holder.caseAct('notice.submitted', 'c-esdb', fullUsNotice(host.id, user.id))));
    await ledger.submit(parseSubmission(host.caseAct('measure.taken', 'c-esdb', { measure: 'disabled', items: ['https://tube.example/v/abc123'], basis: 'notice' })));
    const bundle = await new BundleBuilder(store, checkpointer, key).build('c-esdb');
    const report = verifyBundle(bundle, parseVerifierKey(key.verifierKey)!, verifyStrictNode);
    expect(report.failures).toEqual([]);
    expect(report.summary).toMatchObject({ treeSize: 5, entries: 2 });
    expect((await store.readCheckpoints()).map((c) => c.size)).toEqual([3, 5]);
    await ledger.close();
    await store.close();
  });
});
