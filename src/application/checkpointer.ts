import { checkpointBody, openCheckpoint, parseVerifierKey, signNote } from '../audit/checkpoint.js';
import { toHex } from '../audit/encoding.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { equalBytes } from '../audit/merkle-hash.js';
import { verifyConsistency } from '../audit/merkle-verify.js';
import { LedgerError } from '../domain/errors.js';
import type { TreeHead } from './ledger.js';
import type { LedgerKey } from './ledger-key.js';
import type { LogProofs } from './log-proofs.js';
import type { Clock } from './ports/clock.js';
import type { CheckpointRow, LedgerStore } from './ports/ledger-store.js';

/** The ledger refused to sign: what it would sign contradicts what it signed before. */
export class CheckpointRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointRefusedError';
  }
}

export interface CheckpointerEvents {
  signed?(checkpoint: CheckpointRow): void;
  refused?(error: CheckpointRefusedError): void;
  /** Signing or storing a checkpoint failed for another reason (a full disk, a store away); the next tick retries. */
  failed?(error: unknown): void;
}

/**
 * Signs a new checkpoint (C2SP tlog-checkpoint) at most once a second while the log grows, and keeps
 * every one. Before signing it proves, from the stored nodes, that the new tree extends the last
 * signed one, and never signs otherwise.
 */
export class Checkpointer {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<CheckpointRow | undefined> | undefined;

  constructor(
    private readonly store: LedgerStore,
    private readonly head: () => Promise<TreeHead>,
    private readonly proofs: LogProofs,
    private readonly key: LedgerKey,
    private readonly clock: Clock,
    private readonly events: CheckpointerEvents = {},
    /** Asks witnesses to cosign each new checkpoint before it is handed out (their failures are theirs to report). */
    private readonly cosign: (checkpoint: CheckpointRow) => Promise<void> = async () => undefined,
  ) {}

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => {
      this.tick().catch(() => undefined); // reported through events; the next tick retries
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and signs a last checkpoint of everything committed. */
  async stop(): Promise<CheckpointRow | undefined> {
    clearInterval(this.timer);
    this.timer = undefined;
    return this.tick();
  }

  /** The latest signed checkpoint, signing the first one if none exists yet. */
  async latest(): Promise<CheckpointRow> {
    const checkpoint = (await this.store.latestCheckpoint()) ?? (await this.tick());
    if (!checkpoint) throw new LedgerError('unavailable', 'no checkpoint has been signed yet');
    return checkpoint;
  }

  /** Signs a checkpoint if the log grew since the last one (or none exists); one at a time. */
  tick(): Promise<CheckpointRow | undefined> {
    this.running ??= this.signIfGrown()
      .catch((error: unknown) => {
        if (!(error instanceof CheckpointRefusedError)) this.events.failed?.(error);
        throw error;
      })
      .finally(() => {
        this.running = undefined;
      });
    return this.running;
  }

  private async signIfGrown(): Promise<CheckpointRow | undefined> {
    const head = await this.head();
    const last = await this.store.latestCheckpoint();
    if (last && head.size < last.size) {
      this.refuse(`the log holds ${head.size} entries, fewer than the ${last.size} of the last signed checkpoint (a restored old backup or a truncated store?)`);
    }
    if (last && head.size <= last.size) {
      if (head.size === last.size && !equalBytes(head.root, last.root)) this.refuse(`the log of size ${head.size} has root ${toHex(head.root)}, but checkpoint ${last.size} signed ${toHex(last.root)}`);
      return undefined;
    }
    if (last) await this.checkExtends(last, head);
    const note = signNote(checkpointBody({ origin: this.key.origin, size: head.size, root: head.root }), this.key.origin, this.key.publicKey, (m) => this.key.sign(m));
    const checkpoint: CheckpointRow = { size: head.size, root: head.root, note, signedAt: this.clock.now().toISOString() };
    await this.store.appendCheckpoint(checkpoint);
    this.events.signed?.(checkpoint);
    await this.cosign(checkpoint).catch(() => undefined);
    return checkpoint;
  }

  private async checkExtends(last: CheckpointRow, head: TreeHead): Promise<void> {
    const verifierKey = parseVerifierKey(this.key.verifierKey)!;
    if (!openCheckpoint(last.note, verifierKey, verifyStrictNode).ok) this.refuse(`the stored checkpoint ${last.size} is not signed by this ledger's key`);
    if (last.size === 0) return; // every tree extends the empty one
    const proof = await this.proofs.consistencyHashes(last.size, head.size);
    const check = verifyConsistency(last.size, head.size, last.root, head.root, proof);
    if (!check.ok) this.refuse(`the tree of size ${head.size} does not extend checkpoint ${last.size}: ${check.reason}`);
  }

  private refuse(message: string): never {
    const error = new CheckpointRefusedError(message);
    this.events.refused?.(error);
    throw error;
  }
}
