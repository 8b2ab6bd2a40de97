import { describe, expect, it } from 'vitest';
import { BundleBuilder } from '../../src/application/bundle-builder.js';
import { Checkpointer } from '../../src/application/checkpointer.js';
import { InlineCrypto } from '../../src/application/crypto/inline-crypto.js';
import { Ledger } from '../../src/application/ledger.js';
import { LedgerKey } from '../../src/application/ledger-key.js';
import { LogProofs } from '../../src/application/log-proofs.js';
import { ManualClock } from '../../src/application/ports/clock.js';
import { auditStore } from '../../src/application/store-audit.js';
import { parseSubmission } from '../../src/application/submission.js';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';
import { fullUsNotice, rightsHolder, usHost } from '../support/parties.js';

const key = LedgerKey.fromSeed('test.example/log', new Uint8Array(32).fill(7));

/** A writer fooled into accepting any proof of possession: what the audit and the verifier must still catch. */
class GullibleCrypto extends InlineCrypto {
  override async verify(publicKey: string, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    const isPossessionProof = new TextDecoder().decode(message).startsWith('harbor-ledger/v1/key-possession\n');
    return isPossessionProof || super.verify(publicKey, message, signature);
  }
}

describe('a key rotation whose new key never proved possession', () => {
  it('is named by the store audit and by the offline bundle verifier, though a fooled writer stored it', async () => {
    const store = new MemoryLedgerStore();
    const ledger = new Ledger(store, new ManualClock(new Date()), key, {}, {}, new GullibleCrypto(key));
    const [holder, host, impostor] = [rightsHolder(), usHost(), usHost('impostor')];
    for (const act of [holder.register(), host.register()]) await ledger.submit(parseSubmission(act));
    // The rotation names a new key, but the proof is signed by a key the party does not hold.
    const next = usHost();
    const rotation = host.rotateTo({ publicKey: next.keys.publicKey, secretKey: impostor.keys.secretKey });
    const { seq: rotationSeq } = await ledger.submit(parseSubmission(rotation));
    host.keys = next.keys;
    await ledger.submit(parseSubmission(holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id))));
    await ledger.submit(parseSubmission(host.caseAct('notice.acknowledged', 'c-1')));
    await ledger.close();

    const audit = await auditStore(store, { verify: async (k, m, s) => verifyStrictNode(Buffer.from(k, 'base64'), m, s) });
    expect(audit.failures).toEqual([expect.objectContaining({ check: 'ACTOR_SIGNATURE', seq: rotationSeq, message: expect.stringContaining('possession') })]);

    const checkpointer = new Checkpointer(store, () => ledger.head(), new LogProofs(store), key, new ManualClock(new Date()));
    const bundle = await new BundleBuilder(store, checkpointer, key).build('c-1');
    const report = verifyBundle(bundle, parseVerifierKey(key.verifierKey)!, verifyStrictNode);
    expect(report.failures).toContainEqual(expect.objectContaining({ code: 'ACTOR_SIGNATURE', seq: rotationSeq, message: expect.stringContaining('possession') }));
  });
});
