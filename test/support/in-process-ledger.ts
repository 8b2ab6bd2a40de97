import { BundleBuilder } from '../../src/application/bundle-builder.js';
import { Checkpointer } from '../../src/application/checkpointer.js';
import { InlineCrypto } from '../../src/application/crypto/inline-crypto.js';
import { Ledger } from '../../src/application/ledger.js';
import type { LedgerKey } from '../../src/application/ledger-key.js';
import { LogProofs } from '../../src/application/log-proofs.js';
import { ManualClock } from '../../src/application/ports/clock.js';
import { parseSubmission } from '../../src/application/submission.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';
import { recordDmcaCase, type RecordedCase } from './case-fixture.js';
import type { Harness } from './harness.js';

/**
 * The DMCA case fixture recorded by a writer on a memory store, in process (no server: quick enough
 * for mutation testing), with a bundle builder over it and `post` for more acts.
 */
export async function inProcessDmcaCase(ledgerKey: LedgerKey) {
  const store = new MemoryLedgerStore();
  const clock = new ManualClock(new Date());
  const ledger = new Ledger(store, clock, ledgerKey, {}, {}, new InlineCrypto(ledgerKey));
  const post = async (body: unknown) => ({ status: (await ledger.submit(parseSubmission(body))).status, body: {} });
  const recorded: RecordedCase = await recordDmcaCase({ post } as unknown as Harness);
  const bundles = new BundleBuilder(store, new Checkpointer(store, () => ledger.head(), new LogProofs(store), ledgerKey, clock), ledgerKey, undefined, clock);
  return { store, clock, recorded, post, bundles };
}
