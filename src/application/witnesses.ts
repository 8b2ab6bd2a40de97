import { parseWitnessKey, verifyCosignature, type WitnessKey } from '../audit/cosignature.js';
import { encodeBase64 } from '../audit/encoding.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import type { LogProofs } from './log-proofs.js';
import type { CheckpointRow } from './ports/ledger-store.js';

export interface StoredCosignature {
  witness: string;
  /** POSIX seconds, as the witness signed it. */
  timestamp: number;
  /** The note signature line, with its newline. */
  line: string;
}

export interface CosignatureStore {
  put(size: number, cosignature: StoredCosignature): void;
  of(size: number): StoredCosignature[];
  close(): void;
}

export interface WitnessEndpoint {
  url: string;
  key: WitnessKey;
}

export interface CosigningEvents {
  /** A witness did not cosign: unreachable, slow, or refusing (a refusal of the ledger's own checkpoint is serious). */
  failed?(witness: string, reason: string): void;
}

/**
 * Submits each new checkpoint to the configured witnesses (C2SP tlog-witness add-checkpoint, with a
 * consistency proof from the size each last cosigned), keeps the cosignatures that verify under
 * their pinned keys, and serves checkpoints with them.
 */
export class WitnessCosigning {
  /** The size each witness last cosigned, as far as this process knows (0 at start: a 409 says). */
  private readonly known = new Map<string, number>();
  readonly witnesses: WitnessEndpoint[];

  constructor(
    witnesses: readonly { url: string; vkey: string }[],
    private readonly proofs: LogProofs,
    private readonly store: CosignatureStore,
    private readonly timeoutMs: number,
    private readonly events: CosigningEvents = {},
  ) {
    this.witnesses = witnesses.map((w) => ({ url: w.url, key: parseWitnessKey(w.vkey)! }));
  }

  /** Asks every witness that has not yet cosigned it; resolves once each has answered, failed or timed out. */
  async cosign(checkpoint: CheckpointRow): Promise<void> {
    const have = new Set(this.store.of(checkpoint.size).map((c) => c.witness));
    const asked = this.witnesses.filter((w) => !have.has(w.key.name));
    await Promise.all(asked.map((w) => this.submit(w, checkpoint).catch((error: unknown) => this.events.failed?.(w.key.name, (error as Error).message))));
  }

  /** The checkpoint's note with the cosignatures it has received. */
  noteOf(checkpoint: CheckpointRow): string {
    return checkpoint.note + this.store.of(checkpoint.size).map((c) => c.line).join('');
  }

  close(): void {
    this.store.close();
  }

  cosignaturesOf(size: number): { witness: string; timestamp: number }[] {
    return this.store.of(size).map(({ witness, timestamp }) => ({ witness, timestamp }));
  }

  private async submit(witness: WitnessEndpoint, checkpoint: CheckpointRow): Promise<void> {
    let old = this.known.get(witness.url) ?? 0;
    for (let attempt = 0; attempt < 2; attempt++) {
      if (old > checkpoint.size) throw new Error(`the witness has cosigned ${old} entries, more than this checkpoint's ${checkpoint.size}: was the log rolled back?`);
      const proof = old === 0 || old === checkpoint.size ? [] : await this.proofs.consistencyHashes(old, checkpoint.size);
      const body = `old ${old}\n${proof.map((h) => `${encodeBase64(h)}\n`).join('')}\n${checkpoint.note}`;
      const response = await fetch(`${witness.url}/add-checkpoint`, { method: 'POST', body, headers: { 'content-type': 'text/plain; charset=utf-8' }, signal: AbortSignal.timeout(this.timeoutMs) });
      const text = await response.text();
      if (response.status === 409 && /^(0|[1-9][0-9]*)\n$/.test(text)) {
        old = Number(text.trim());
        continue;
      }
      if (response.status !== 200) throw new Error(`answered ${response.status}: ${text.trim().slice(0, 200)}`);
      this.keep(witness, checkpoint, text);
      this.known.set(witness.url, checkpoint.size);
      return;
    }
    throw new Error('its size moved twice while we asked');
  }

  /** Keeps the line of the answer that is this witness's valid cosignature of this checkpoint. */
  private keep(witness: WitnessEndpoint, checkpoint: CheckpointRow, answer: string): void {
    for (const line of answer.split('\n').filter(Boolean)) {
      const check = verifyCosignature(`${checkpoint.note}${line}\n`, witness.key, verifyStrictNode);
      if (check.ok) return this.store.put(checkpoint.size, { witness: witness.key.name, timestamp: check.timestamp, line: `${line}\n` });
    }
    throw new Error('its answer holds no cosignature that verifies under its key');
  }
}
