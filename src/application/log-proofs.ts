import { toHex } from '../audit/encoding.js';
import { assembleProof, consistencyPlan, inclusionPlan } from '../audit/merkle-tree.js';
import { LedgerError } from '../domain/errors.js';
import type { LedgerStore } from './ports/ledger-store.js';

/** Inclusion and consistency proofs built from the store's nodes: O(log n) reads, no replay. */
export class LogProofs {
  constructor(private readonly store: LedgerStore) {}

  /** Proof that entry `seq` is leaf `seq` of the tree of `size` leaves. */
  async inclusion(seq: number, size: number): Promise<{ seq: number; size: number; leaf: string; proof: string[] }> {
    const logSize = await this.store.size();
    if (size < 1 || size > logSize) throw new LedgerError('out_of_range', `size must be from 1 to the log size ${logSize}, got ${size}`, 'size');
    if (seq < 0 || seq >= size) throw new LedgerError('out_of_range', `seq must be below size ${size}, got ${seq}`, 'seq');
    const plan = inclusionPlan(seq, size);
    const [leaf, ...hashes] = await this.store.readNodes([{ level: 0, index: seq }, ...plan.flat()]);
    return { seq, size, leaf: toHex(leaf), proof: assembleProof(plan, hashes).map(toHex) };
  }

  /** Proof that the tree of `to` leaves extends the tree of `from` leaves. */
  async consistency(from: number, to: number): Promise<{ from: number; to: number; proof: string[] }> {
    const logSize = await this.store.size();
    if (to < 1 || to > logSize) throw new LedgerError('out_of_range', `to must be from 1 to the log size ${logSize}, got ${to}`, 'to');
    if (from < 1 || from > to) throw new LedgerError('out_of_range', `from must be from 1 to ${to}, got ${from}`, 'from');
    return { from, to, proof: (await this.consistencyHashes(from, to)).map(toHex) };
  }

  async consistencyHashes(from: number, to: number): Promise<Uint8Array[]> {
    const plan = consistencyPlan(from, to);
    return assembleProof(plan, await this.store.readNodes(plan.flat()));
  }
}
