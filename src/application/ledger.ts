import { canonicalize } from '../audit/canonical-json.js';
import { isSmallOrderPoint } from '../audit/ed25519-rules.js';
import { decodeBase64, encodeBase64, toHex } from '../audit/encoding.js';
import { decodeEntry, encodeEntryWithCanonicalAct } from '../audit/entry.js';
import { leafHash } from '../audit/leaf.js';
import { CompactRange, rangeNodes } from '../audit/merkle-tree.js';
import { receiptSigningBytes, type Receipt } from '../audit/receipt.js';
import { authorize, type TrustAnchors } from '../domain/actor-rules.js';
import { keyPossessionBytes } from '../audit/act-signature.js';
import { isCaseActType, streamOf, type Act, type ActData } from '../domain/acts/envelope.js';
import { decideCase } from '../domain/case/decide.js';
import { initialCaseState, openingProvider, opensCase } from '../domain/case/state.js';
import { LedgerError, rejectionToError } from '../domain/errors.js';
import { decideParty } from '../domain/party/decide.js';
import { currentKey, type PartyState } from '../domain/party/state.js';
import { heldValues } from '../domain/personal-data.js';
import type { HeldValue } from '../domain/read-rules.js';
import { toRecordedAct } from './recorded.js';
import type { Clock } from './ports/clock.js';
import type { LedgerCrypto } from './ports/ledger-crypto.js';
import { InlineCrypto } from './crypto/inline-crypto.js';
import { AppendConflictError, AppendTooLargeError, StoreIntegrityError, type LedgerStore, type MerkleNodeRow, type NewEntry } from './ports/ledger-store.js';
import type { LedgerKey } from './ledger-key.js';
import { StreamStates } from './stream-cache.js';
import type { Submission } from './submission.js';

export interface AcceptedAct {
  /** 201 for a new act, 200 for an idempotent replay of one already recorded. */
  status: 201 | 200;
  seq: number;
  recordedAt: string;
  leaf: string;
  receipt: Receipt;
}

export interface TreeHead {
  size: number;
  root: Uint8Array;
}

export interface LedgerOptions {
  /** Largest difference between an act's `at` and the ledger clock (default 5 minutes). */
  maxClockSkewMs: number;
  /** Most acts committed in one store transaction. */
  maxGroupSize: number;
  /** Folded streams kept in memory. */
  streamCacheSize: number;
  /** The deployment's trust anchors (HARBOR_TRUST_ANCHORS): party id -> pinned public key. */
  trustAnchors: TrustAnchors;
  /** The deployment's operators (HARBOR_OPERATORS): they may erase personal data on a person's behalf. */
  operators?: TrustAnchors;
}

export interface LedgerObserver {
  committed?(acts: readonly Act[], durationMs: number): void;
  /** The ledger stopped accepting acts: its log failed an integrity check. */
  integrityHalted?(reason: string): void;
}

const DEFAULTS: LedgerOptions = { maxClockSkewMs: 5 * 60_000, maxGroupSize: 1000, streamCacheSize: 50_000, trustAnchors: new Map() };

interface Pending {
  submission: Submission;
  /** Verification started on arrival with the key the actor had then (another core does it meanwhile). */
  preverified?: { publicKey: string; ok: Promise<boolean> };
  resolve(result: AcceptedAct): void;
  reject(error: unknown): void;
}

/** What one group commit is building: entries, and who waits on which. */
interface Group {
  entries: NewEntry[];
  /** Merkle nodes the group's leaves complete, stored in the same transaction. */
  nodes: MerkleNodeRow[];
  acts: Act[];
  waiting: { pending: Pending; index: number; status: 201 | 200 }[];
  byActId: Map<string, { index: number; canonicalAct: string }>;
}

/**
 * The single writer of the log (DESIGN.md §2). Acts queue here; each group is checked in order
 * (idempotency, clock, signature, actor rules, decider), sequenced, and committed in one store
 * transaction. No act is acknowledged before its transaction is durable.
 */
export class Ledger {
  private readonly options: LedgerOptions;
  private readonly queue: Pending[] = [];
  private readonly streams: StreamStates;
  private readonly crypto: LedgerCrypto;
  /** Receipts being signed for committed acts; close() waits for them. */
  private readonly receipts = new Set<Promise<void>>();
  private draining: Promise<void> | undefined;
  private nextSeq = -1;
  /** The tree's right border, including acts admitted to the group being built. */
  private range: CompactRange | undefined;
  /** Size and root of what is durably committed: what a checkpoint may sign. */
  private committed: TreeHead | undefined;
  private loadingHead: Promise<void> | undefined;
  private lastRecordedAt = 0;
  private closed = false;
  /** Why the ledger refuses acts: its log contradicts what it signed. Only an operator can clear it (by a restart on a sound store). */
  private integrityFault: string | undefined;

  constructor(
    private readonly store: LedgerStore,
    private readonly clock: Clock,
    private readonly key: LedgerKey,
    options: Partial<LedgerOptions> = {},
    private readonly observer: LedgerObserver = {},
    crypto?: LedgerCrypto,
  ) {
    this.options = { ...DEFAULTS, ...options };
    this.crypto = crypto ?? new InlineCrypto(key);
    this.streams = new StreamStates(store, this.options.streamCacheSize);
  }

  get origin(): string {
    return this.key.origin;
  }

  /** Stops accepting acts for good (until restarted): the log contradicts a signed checkpoint. */
  halt(reason: string): void {
    if (this.integrityFault !== undefined) return;
    this.integrityFault = reason;
    this.observer.integrityHalted?.(reason);
  }

  /** The reason acts are refused, if the ledger is halted. */
  get fault(): string | undefined {
    return this.integrityFault;
  }

  /** Records one act; resolves once it is durable, rejects with a LedgerError. */
  submit(submission: Submission): Promise<AcceptedAct> {
    if (this.closed) return Promise.reject(new LedgerError('unavailable', 'the ledger is shutting down'));
    if (this.integrityFault) return Promise.reject(new LedgerError('unavailable', `the ledger refuses acts until an operator resolves an integrity fault: ${this.integrityFault}`));
    return new Promise<AcceptedAct>((resolve, reject) => {
      this.queue.push({ submission, resolve, reject, preverified: this.preverify(submission) });
      this.draining ??= this.drain();
    });
  }

  /**
   * Starts checking the signature as soon as the act arrives, with the key its actor holds now, so that
   * verification runs beside the writer. admit() uses the result only if the key is still the signer's.
   */
  private preverify({ act, signingBytes }: Submission): Pending['preverified'] {
    const publicKey = act.type === 'party.registered' ? (act.data as ActData<'party.registered'>).publicKey : this.streams.cachedParty(act.actor)?.keys.at(-1)?.publicKey;
    if (!publicKey) return undefined;
    const ok = this.crypto.verify(publicKey, signingBytes, decodeBase64(act.sig) as Uint8Array);
    ok.catch(() => undefined); // a failure is handled where the result is awaited
    return { publicKey, ok };
  }

  /** Stops accepting acts, commits what is queued, and answers it. The store stays open for its owner to close. */
  async close(): Promise<void> {
    this.closed = true;
    await this.draining;
    await Promise.all(this.receipts);
    await this.crypto.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        // Yield once so every request that arrived meanwhile joins this group: group commit.
        await new Promise<void>((resolve) => setImmediate(resolve));
        await this.commitGroup(this.queue.splice(0, this.options.maxGroupSize));
      }
    } finally {
      this.draining = undefined;
    }
  }

  private async commitGroup(batch: Pending[], attempt = 1): Promise<void> {
    if (!this.range) await this.ensureHead();
    const now = Math.max(this.clock.now().getTime(), this.lastRecordedAt);
    const recordedAt = new Date(now).toISOString();
    const group: Group = { entries: [], nodes: [], acts: [], waiting: [], byActId: new Map() };
    for (const pending of batch) {
      try {
        await this.admit(pending, group, now, recordedAt);
      } catch (error) {
        if (error instanceof StoreIntegrityError) this.halt(error.message);
        pending.reject(error instanceof StoreIntegrityError ? commitFailure(error) : error);
      }
    }
    const started = performance.now();
    try {
      await this.store.append(group.entries, group.nodes);
    } catch (error) {
      this.forget();
      if (error instanceof AppendConflictError && attempt < 3) {
        // Another writer moved the log: re-read the head and decide the same acts again.
        return this.commitGroup(group.waiting.map((w) => w.pending), attempt + 1);
      }
      if (error instanceof StoreIntegrityError) this.halt(error.message);
      const failure = commitFailure(error);
      for (const { pending } of group.waiting) pending.reject(failure);
      return;
    }
    if (group.entries.length) {
      this.lastRecordedAt = now;
      this.committed = { size: this.range!.size, root: this.range!.root() };
    }
    this.observer.committed?.(group.acts, performance.now() - started);
    // Receipts are signed beside the next group: the acts are durable, only the answer waits.
    const receipts = Promise.all(
      group.waiting.map(({ pending, index, status }) => {
        const entry = group.entries[index];
        return this.answer(pending, status, entry.seq, entry.recordedAt, toHex(entry.leaf));
      }),
    ).then(() => undefined);
    this.receipts.add(receipts);
    void receipts.finally(() => this.receipts.delete(receipts));
  }

  private async answer(pending: Pending, status: 201 | 200, seq: number, recordedAt: string, leaf: string): Promise<void> {
    try {
      pending.resolve(await this.accepted(status, seq, recordedAt, leaf));
    } catch (error) {
      pending.reject(new LedgerError('unavailable', `act recorded at seq ${seq}, but its receipt could not be signed: ${(error as Error).message}`));
    }
  }

  /** Runs every check on one act against the state as of the acts before it, and adds its entry to the group. */
  private async admit(pending: Pending, group: Group, now: number, recordedAt: string): Promise<void> {
    const { act, canonicalAct, disclosures } = pending.submission;
    const inGroup = group.byActId.get(act.id);
    if (inGroup) {
      if (inGroup.canonicalAct !== canonicalAct) throw idReused(act.id);
      group.waiting.push({ pending, index: inGroup.index, status: 200 });
      return;
    }
    const stored = await this.store.findByActId(act.id);
    if (stored) {
      if (canonicalize(decodeEntry(stored.bytes).act) !== canonicalAct) throw idReused(act.id);
      await this.answer(pending, 200, stored.seq, stored.recordedAt, toHex(stored.leaf));
      return;
    }
    const skew = Date.parse(act.at) - now;
    if (Math.abs(skew) > this.options.maxClockSkewMs) {
      throw new LedgerError('clock_skew', `at is ${Math.round(skew / 1000)} s from the ledger clock (${new Date(now).toISOString()}); at most ${this.options.maxClockSkewMs / 1000} s allowed`, 'at');
    }
    const actor = await this.streams.party(act.actor);
    await this.verifySignature(pending, actor);

    const stream = await this.streams.load(streamOf(act));
    const caseState = stream.current.kind === 'case' ? stream.current.state : initialCaseState('');
    if (isCaseActType(act.type) && !caseState.opened && !opensCase(act)) {
      throw new LedgerError('not_found', `case ${act.case} does not exist`, 'case');
    }
    const provider = opensCase(act) ? openingProvider(act) : undefined;
    if (provider) await this.streams.party(provider);
    const erasure = act.type === 'personal_data.erased' ? await this.erasureTarget(act.data as ActData<'personal_data.erased'>) : undefined;
    const rejection = authorize({
      ...{ act, actor, case: caseState, party: (id) => this.streams.cachedParty(id), anchors: this.options.trustAnchors, now: recordedAt },
      ...{ operators: this.options.operators, erasureTarget: erasure },
    });
    if (rejection) throw rejectionToError(rejection);
    const decision = stream.current.kind === 'case' ? decideCase(stream.current.state, act) : decideParty(stream.current.state, act);
    if (!decision.ok) throw rejectionToError(decision.rejection);

    const seq = this.nextSeq++;
    const revision = stream.revision + 1;
    const bytes = encodeEntryWithCanonicalAct({ v: 1, seq, recordedAt, stream: stream.stream, revision, prev: stream.lastLeaf }, canonicalAct);
    const leaf = leafHash(bytes);
    for (const node of this.range!.append(leaf)) if (node.level > 0) group.nodes.push(node);
    group.entries.push({ seq, stream: stream.stream, revision, actId: act.id, recordedAt, bytes, leaf, disclosures, ...(erasure ? { erasures: [{ seq: erasure.seq, path: erasure.path }] } : {}) });
    group.acts.push(act);
    group.waiting.push({ pending, index: group.entries.length - 1, status: 201 });
    group.byActId.set(act.id, { index: group.entries.length - 1, canonicalAct });
    this.streams.advance(stream, { act, seq, revision, recordedAt, leaf: toHex(leaf) });
  }

  /** The committed clear value an erasure names, with who committed it and whose it is; undefined when none is held. */
  private async erasureTarget({ seq, path }: ActData<'personal_data.erased'>): Promise<HeldValue | undefined> {
    const [entry] = await this.store.readAll(seq, 1);
    if (entry?.seq !== seq || !(await this.store.readDisclosures(seq)).some((d) => d.path === path)) return undefined;
    const stream = (await this.store.readStream(entry.stream)).filter((e) => e.seq <= seq);
    return heldValues(stream.map(toRecordedAct), [{ seq, path }])[0];
  }

  private async verifySignature({ submission: { act, signingBytes }, preverified }: Pending, actor: PartyState): Promise<void> {
    let signer: string | undefined;
    if (act.type === 'party.registered') {
      signer = (act.data as ActData<'party.registered'>).publicKey;
      if (isSmallOrderPoint(decodeBase64(signer) as Uint8Array)) {
        throw new LedgerError('weak_key', 'data.publicKey is a point of small order and can never be a party key', 'data.publicKey');
      }
    } else {
      if (!actor.registered) throw new LedgerError('unknown_key', `no registered party ${act.actor} holds a key`, 'actor');
      signer = currentKey(actor) as string;
    }
    const check = preverified?.publicKey === signer ? preverified.ok : this.crypto.verify(signer, signingBytes, decodeBase64(act.sig) as Uint8Array);
    let valid: boolean;
    try {
      valid = await check;
    } catch (error) {
      throw new LedgerError('unavailable', `the signature could not be checked: ${(error as Error).message}`);
    }
    if (!valid) {
      throw new LedgerError('bad_signature', `sig does not verify under the ${act.type === 'party.registered' ? 'registered' : 'current'} key of ${act.actor}`, 'sig');
    }
    if (act.type === 'party.key_rotated') await this.verifyKeyPossession(act as Act<'party.key_rotated'>);
  }

  /** A rotation is signed by the key it retires and proved by the key it introduces: nobody rotates to a key they do not hold. */
  private async verifyKeyPossession(act: Act<'party.key_rotated'>): Promise<void> {
    const next = decodeBase64(act.data.publicKey) as Uint8Array;
    if (isSmallOrderPoint(next)) throw new LedgerError('weak_key', 'data.publicKey is a point of small order', 'data.publicKey');
    const proof = decodeBase64(act.data.proof) as Uint8Array;
    if (!(await this.crypto.verify(act.data.publicKey, keyPossessionBytes(act.actor, act.id, act.data.publicKey), proof))) {
      throw new LedgerError('bad_signature', 'data.proof is not the new key’s signature over harbor-ledger/v1/key-possession of {actor, id, publicKey}', 'data.proof');
    }
  }

  private async accepted(status: 201 | 200, seq: number, recordedAt: string, leaf: string): Promise<AcceptedAct> {
    const body = { log: this.key.origin, seq, recordedAt, leaf };
    const sig = await this.crypto.sign(receiptSigningBytes(body));
    return { status, seq, recordedAt, leaf, receipt: { ...body, sig: encodeBase64(sig) } };
  }

  /** The size and root of the durably committed log, as the next checkpoint would sign them. */
  async head(): Promise<TreeHead> {
    if (!this.committed) await this.ensureHead();
    return this.committed as TreeHead;
  }

  /** One load at a time: the writer and a reader of head() must not both rebuild the range. */
  private ensureHead(): Promise<void> {
    this.loadingHead ??= this.loadHead().finally(() => {
      this.loadingHead = undefined;
    });
    return this.loadingHead;
  }

  private async loadHead(): Promise<void> {
    const size = await this.store.size();
    const [last] = size > 0 ? await this.store.readAll(size - 1, 1) : [];
    this.range = CompactRange.fromNodes(size, await this.store.readNodes(rangeNodes(0, size)));
    this.committed = { size, root: this.range.root() };
    this.lastRecordedAt = last ? Date.parse(last.recordedAt) : 0;
    this.nextSeq = size;
  }

  /** After a failed commit, nothing cached may reflect the acts that were not written: reload from the store. */
  private forget(): void {
    this.streams.clear();
    this.nextSeq = -1;
    this.range = undefined;
  }
}

/** Why a commit failed, as the submitter hears it: too large for the store, or unavailable (an integrity fault halts the ledger). */
function commitFailure(error: unknown): LedgerError {
  const message = (error as Error).message;
  if (error instanceof AppendTooLargeError) return new LedgerError('too_large', message);
  if (error instanceof StoreIntegrityError) return new LedgerError('unavailable', `the ledger is halted: its log failed an integrity check (${message}); an operator must look before anything more is recorded`);
  return new LedgerError('unavailable', `the store refused the commit: ${message}`);
}

function idReused(id: string): LedgerError {
  return new LedgerError('id_reused', `act id ${id} was already used for an act with other content`, 'id');
}
