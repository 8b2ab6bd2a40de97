import { BUNDLE_FORMAT_V2, type BundleEntry, type CaseBundle, type JudgementClaimBody, type PartyStreamEvidence } from '../audit/bundle.js';
import { judgementSigningBytes } from '../audit/judgement.js';
import { judgeFromStreams, partiesJudgementReads } from '../domain/projections/judge-streams.js';
import type { Clock } from './ports/clock.js';
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
import type { CheckpointRow, LedgerStore, StoredEntry } from './ports/ledger-store.js';
import type { RecordedAct } from '../domain/recorded-act.js';
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
    private readonly clock: Clock = { now: () => new Date() },
    private readonly deploymentSlas: Record<string, number> = {},
    /** The checkpoint as bundles carry it: the ledger's note with the witnesses' cosignatures it has. */
    readonly noteOf: (checkpoint: CheckpointRow) => string = (checkpoint) => checkpoint.note,
  ) {}

  /**
   * With `disclose`, the clear values the reader is entitled to (README "Who may read what"), each
   * release recorded in the access log before the bundle leaves; refused when it holds values and
   * the reader may read none of them.
   */
  async build(caseId: string, options: { disclose?: { reader: Reader; context: ReadContext } } = {}): Promise<CaseBundle> {
    const stream = caseStream(caseId);
    const checkpoint = await this.freshCheckpoint();
    const treeSize = checkpoint.size;
    const caseEntries = (await this.store.readStream(stream)).filter((e) => e.seq < treeSize);
    if (caseEntries.length === 0) throw new LedgerError('not_found', `no case ${caseId} in the log`, 'id');

    // v2: the streams of the parties the judgement reads, whole within the tree, and the judgement itself.
    const caseActs = caseEntries.map(toRecordedAct);
    const { provider, notifier } = partiesJudgementReads(caseActs);
    const partyIds = [...new Set([provider, notifier].filter((id): id is string => !!id))];
    const partyStreams = new Map<string, StoredEntry[]>();
    for (const id of partyIds) partyStreams.set(id, (await this.store.readStream(partyStream(id))).filter((e) => e.seq < treeSize));
    const included = [...caseEntries, ...[...partyStreams.values()].flat()];
    const keyEntries = await this.keyEntriesOf(included, treeSize);

    const head: StreamHeadBody = { stream, revisions: caseEntries.length, head: toHex(caseEntries[caseEntries.length - 1].leaf), treeSize };
    const disclosed = options.disclose ? await this.released(caseId, caseEntries, options.disclose.reader, options.disclose.context) : [];
    const partyActs = new Map([...partyStreams].map(([id, entries]) => [id, entries.map(toRecordedAct)]));
    return {
      format: BUNDLE_FORMAT_V2,
      checkpoint: this.noteOf(checkpoint),
      keys: await this.withProofs(keyEntries, treeSize),
      entries: await this.withProofs(caseEntries, treeSize),
      streamHead: this.signedHead(head),
      disclosed,
      parties: await Promise.all([...partyStreams].map(([id, entries]) => this.partyEvidence(id, entries, treeSize))),
      judgement: this.judgementClaim(caseId, caseActs, (id) => partyActs.get(id) ?? [], treeSize),
    };
  }

  /** A checkpoint covering everything committed so far. */
  async freshCheckpoint(): Promise<CheckpointRow> {
    await this.checkpointer.tick();
    const checkpoint = await this.store.latestCheckpoint();
    if (!checkpoint) throw new LedgerError('unavailable', 'no checkpoint has been signed yet');
    return checkpoint;
  }

  /** The registrations and rotations of every actor of these entries (their signatures are checked with them). */
  async keyEntriesOf(entries: StoredEntry[], treeSize: number): Promise<StoredEntry[]> {
    const actors = [...new Set(entries.map((e) => (decodeEntry(e.bytes).act as { actor: string }).actor))].sort();
    const keyEntries: StoredEntry[] = [];
    for (const actor of actors) {
      const partyEntries = await this.store.readStream(partyStream(actor));
      keyEntries.push(...partyEntries.filter((e) => e.seq < treeSize && KEY_ACTS.has((decodeEntry(e.bytes).act as { type: string }).type)));
    }
    return keyEntries.sort((a, b) => a.seq - b.seq);
  }

  async partyEvidence(id: string, entries: StoredEntry[], treeSize: number): Promise<PartyStreamEvidence> {
    const last = entries.at(-1);
    return { entries: await this.withProofs(entries, treeSize), streamHead: this.signedHead({ stream: partyStream(id), revisions: entries.length, head: last ? toHex(last.leaf) : null, treeSize }) };
  }

  signedHead(head: StreamHeadBody): CaseBundle['streamHead'] {
    return { ...head, sig: encodeBase64(this.key.sign(streamHeadSigningBytes(head))) };
  }

  /** The case judged now from the bundle's own entries, signed: a claim any verifier recomputes. */
  judgementClaim(caseId: string, caseActs: RecordedAct[], partyActs: (id: string) => readonly RecordedAct[], treeSize: number, asOf = this.clock.now().toISOString()): NonNullable<CaseBundle['judgement']> {
    const view = judgeFromStreams({ caseId, caseActs, partyActs, asOf, deploymentSlas: this.deploymentSlas });
    // As JSON carries it: what is signed is exactly what the verifier reads back.
    const body: JudgementClaimBody = { case: caseId, treeSize, asOf, pack: view?.pack ?? null, deploymentSlas: this.deploymentSlas, judgement: view ? JSON.parse(JSON.stringify(view)) : null };
    return { ...body, sig: encodeBase64(this.key.sign(judgementSigningBytes(body))) };
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

  async withProofs(entries: StoredEntry[], treeSize: number): Promise<BundleEntry[]> {
    return Promise.all(
      entries.map(async (e) => {
        const plan = inclusionPlan(e.seq, treeSize);
        const proof = assembleProof(plan, await this.store.readNodes(plan.flat()));
        return { entry: decoder.decode(e.bytes), seq: e.seq, proof: proof.map(toHex) };
      }),
    );
  }
}
