import { EMPTY_ROOT, hashChildren } from './merkle-hash.js';

/**
 * Building RFC 6962 / RFC 9162 trees and proofs over stored nodes. A node id (level, index) names the
 * perfect subtree over leaves [index·2^level, (index+1)·2^level); level 0 is a leaf. Proofs are
 * planned here as node ids, read from storage in one go, then assembled: O(log n) reads, no replay.
 */
export interface NodeId {
  level: number;
  index: number;
}

export interface StoredNode extends NodeId {
  hash: Uint8Array;
}

/** Largest power of two strictly below n. Precondition: n >= 2. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The perfect subtrees that make up leaves [begin, end), left to right, largest first, when begin is
 * aligned to the subtree the range belongs to (as every range in an RFC 6962 proof is). Their hashes,
 * folded from the right, give the range's Merkle tree hash.
 */
export function rangeNodes(begin: number, end: number): NodeId[] {
  const nodes: NodeId[] = [];
  let start = begin;
  while (start < end) {
    let level = 0;
    while (start % 2 ** (level + 1) === 0 && start + 2 ** (level + 1) <= end) level++;
    nodes.push({ level, index: start / 2 ** level });
    start += 2 ** level;
  }
  return nodes;
}

/** Folds the hashes of rangeNodes() from the right into the range's hash. Precondition: at least one hash. */
export function foldRange(hashes: readonly Uint8Array[]): Uint8Array {
  let hash = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) hash = hashChildren(hashes[i], hash);
  return hash;
}

/** A proof planned as groups of node ids; each group folds into one proof hash. */
export type ProofPlan = NodeId[][];

/** RFC 9162 §2.1.3.1 PATH(m, D[0:n]). Preconditions: 0 <= m < n. */
export function inclusionPlan(m: number, n: number): ProofPlan {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m >= 0 && m < n)) throw new RangeError(`need 0 <= leaf < size, got ${m} and ${n}`);
  const plan: ProofPlan = [];
  const walk = (begin: number, end: number): void => {
    if (end - begin === 1) return;
    const k = splitPoint(end - begin);
    if (m < begin + k) {
      walk(begin, begin + k);
      plan.push(rangeNodes(begin + k, end));
    } else {
      walk(begin + k, end);
      plan.push(rangeNodes(begin, begin + k));
    }
  };
  walk(0, n);
  return plan;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[0:n]). Preconditions: 0 < m <= n. */
export function consistencyPlan(m: number, n: number): ProofPlan {
  if (!(Number.isSafeInteger(m) && Number.isSafeInteger(n) && m > 0 && m <= n)) throw new RangeError(`need 0 < from <= to, got ${m} and ${n}`);
  const plan: ProofPlan = [];
  const walk = (size: number, begin: number, end: number, isOriginal: boolean): void => {
    if (size === end - begin) {
      if (!isOriginal) plan.push(rangeNodes(begin, end));
      return;
    }
    const k = splitPoint(end - begin);
    if (size <= k) {
      walk(size, begin, begin + k, isOriginal);
      plan.push(rangeNodes(begin + k, end));
    } else {
      walk(size - k, begin + k, end, false);
      plan.push(rangeNodes(begin, begin + k));
    }
  };
  walk(m, 0, n, true);
  return plan;
}

/** Turns a plan and the hashes of its node ids (in plan order, flattened) into proof hashes. */
export function assembleProof(plan: ProofPlan, hashes: readonly Uint8Array[]): Uint8Array[] {
  let at = 0;
  return plan.map((group) => {
    const groupHashes = hashes.slice(at, at + group.length);
    at += group.length;
    return foldRange(groupHashes);
  });
}

/**
 * The right border of the tree: the roots of its perfect subtrees, largest first. Appending a leaf
 * completes O(1) nodes amortized, which the store keeps, so any proof needs only stored nodes.
 */
export class CompactRange {
  private constructor(
    private nodes: StoredNode[],
    private count: number,
  ) {}

  static empty(): CompactRange {
    return new CompactRange([], 0);
  }

  /** The range of a tree of `size` leaves from its perfect subtrees' hashes (as rangeNodes(0, size) names them). */
  static fromNodes(size: number, hashes: readonly Uint8Array[]): CompactRange {
    const ids = rangeNodes(0, size);
    if (ids.length !== hashes.length) throw new RangeError(`size ${size} needs ${ids.length} hashes, got ${hashes.length}`);
    return new CompactRange(ids.map((id, i) => ({ ...id, hash: hashes[i] })), size);
  }

  get size(): number {
    return this.count;
  }

  /** Appends a leaf hash; returns every node it completes (the leaf itself included). */
  append(leaf: Uint8Array): StoredNode[] {
    const completed: StoredNode[] = [{ level: 0, index: this.count, hash: leaf }];
    this.nodes.push(completed[0]);
    this.count++;
    while (this.nodes.length >= 2 && this.nodes[this.nodes.length - 1].level === this.nodes[this.nodes.length - 2].level) {
      const right = this.nodes.pop() as StoredNode;
      const left = this.nodes.pop() as StoredNode;
      const parent = { level: left.level + 1, index: left.index / 2, hash: hashChildren(left.hash, right.hash) };
      this.nodes.push(parent);
      completed.push(parent);
    }
    return completed;
  }

  root(): Uint8Array {
    return this.nodes.length ? foldRange(this.nodes.map((node) => node.hash)) : EMPTY_ROOT;
  }

  clone(): CompactRange {
    return new CompactRange([...this.nodes], this.count);
  }
}
