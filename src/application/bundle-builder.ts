import { BUNDLE_FORMAT, type BundleEntry, type CaseBundle } from '../audit/bundle.js';
import { encodeBase64, toHex } from '../audit/encoding.js';
import { decodeEntry } from '../audit/entry.js';
import { assembleProof, inclusionPlan } from '../audit/merkle-tree.js';
import { streamHeadSigningBytes, type StreamHeadBody } from '../audit/stream-head.js';
import { caseStream, partyStream } from '../domain/acts/envelope.js';
import { LedgerError } from '../domain/errors.js';
import { heldValues } from '../domain/personal-data.js';
import { refusalToError, releaseRule, type ReadContext, type Reader, type ReadRefusal } from '../domain/read-rules.js';
import type { Checkpointer } from './checkpointer.js';
import type { LedgerKey } from './ledger-key.js';
import type { AccessLog } from './ports/access-log.js';
import type { LedgerStore, StoredEntry } from './ports/ledger-store.js';
import { toRecordedAct } from './recorded.js';

const KEY_ACTS = new Set(['party.registered', 'party.key_rotated']);
const decoder = new TextDecoder();

/**
 * Builds a case bundle (DESIGN.md §3.5) against a fresh checkpoint: the case's entries and the key
 * entries of every actor, each with its inclusion proof, the signed stream head, and optionally the
 * clear values of committed personal data.
 */
export class BundleBuilder {
  constructor(
    private readonly store: LedgerStore,
    private readonly checkpointer: Checkpointer,
    private readonly key: LedgerKey,
    private readonly accessLog?: AccessLog,
  ) {}

  /**
   * With `disclose`, the clear values the reader is entitled to (README "Who may read what"), each
   * release recorded in the access log before the bundle leaves; refused when it holds values and
   * the reader may read none of them.
   */
  async build(caseId: string, options: { disclose?: { reader: Reader; context: ReadContext } } = {}): Promise<CaseBundle> {
    const stream = caseStream(caseId);
    await this.checkpointer.tick(); // cover everything committed so far
    const checkpoint = await this.store.latestCheckpoint();
    if (!checkpoint) throw new LedgerError('unavailable', 'no checkpoint has been signed yet');
    const treeSize = checkpoint.size;
    const caseEntries = (await this.store.readStream(stream)).filter((e) => e.seq < treeSize);
    if (caseEntries.length === 0) throw new LedgerError('not_found', `no case ${caseId} in the log`, 'id');

    const actors = [...new Set(caseEntries.map((e) => (decodeEntry(e.bytes).act as { actor: string }).actor))].sort();
    const keyEntries: StoredEntry[] = [];
    for (const actor of actors) {
      const partyEntries = await this.store.readStream(partyStream(actor));
      keyEntries.push(...partyEntries.filter((e) => e.seq < treeSize && KEY_ACTS.has((decodeEntry(e.bytes).act as { type: string }).type)));
    }

    const head: StreamHeadBody = { stream, revisions: caseEntries.length, head: toHex(caseEntries[caseEntries.length - 1].leaf), treeSize };
    const disclosed = options.disclose ? await this.released(caseId, caseEntries, options.disclose.reader, options.disclose.context) : [];
    return {
      format: BUNDLE_FORMAT,
      checkpoint: checkpoint.note,
      keys: await this.withProofs(keyEntries.sort((a, b) => a.seq - b.seq), treeSize),
      entries: await this.withProofs(caseEntries, treeSize),
      streamHead: { ...head, sig: encodeBase64(this.key.sign(streamHeadSigningBytes(head))) },
      disclosed,
    };
  }

  private async released(caseId: string, entries: StoredEntry[], reader: Reader, context: ReadContext): Promise<CaseBundle['disclosed']> {
    const held = (await Promise.all(entries.map(async (e) => (await this.store.readDisclosures(e.seq)).map((d) => ({ seq: e.seq, ...d }))))).flat();
    if (held.length === 0) return [];
    const judged = heldValues(entries.map(toRecordedAct), held).map((value) => ({ value, rule: releaseRule(reader, value, context) }));
    const allowed = judged.flatMap(({ value, rule }) => (typeof rule === 'string' ? [{ value, rule }] : []));
    if (allowed.length === 0) throw refusalToError(judged[0].rule as ReadRefusal);
    if (!this.accessLog) throw new LedgerError('internal', 'no access log to record the release in');
    const readerId = (reader as Extract<Reader, { kind: 'party' }>).party.id;
    this.accessLog.record(allowed.map(({ value, rule }) => ({ at: context.now, reader: readerId, case: caseId, seq: value.seq, path: value.path, subject: value.subject, rule })));
    const entitled = new Set(allowed.map(({ value }) => `${value.seq} ${value.path}`));
    return held.filter((d) => entitled.has(`${d.seq} ${d.path}`));
  }

  private async withProofs(entries: StoredEntry[], treeSize: number): Promise<BundleEntry[]> {
    return Promise.all(
      entries.map(async (e) => {
        const plan = inclusionPlan(e.seq, treeSize);
        const proof = assembleProof(plan, await this.store.readNodes(plan.flat()));
        return { entry: decoder.decode(e.bytes), seq: e.seq, proof: proof.map(toHex) };
      }),
    );
  }
}
