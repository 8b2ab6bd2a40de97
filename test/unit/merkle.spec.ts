import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../src/audit/encoding.js';
import { EMPTY_ROOT, hashChildren, hashLeaf } from '../../src/audit/merkle-hash.js';
import { assembleProof, CompactRange, consistencyPlan, inclusionPlan, rangeNodes, type NodeId } from '../../src/audit/merkle-tree.js';
import { verifyConsistency, verifyInclusion } from '../../src/audit/merkle-verify.js';
import { ReferenceTree } from '../support/reference-merkle.js';
import { loadVector } from '../support/vectors.js';

interface InclusionCase { leafIndex: number; treeSize: number; leafHash: string; root: string; proof: string[]; desc?: string; file?: string; wantErrStrict?: boolean }
interface ConsistencyCase { size1: number; size2: number; root1: string; root2: string; proof: string[]; desc?: string; file?: string; wantErrStrict?: boolean }
interface MerkleVectors {
  emptyTreeHash: string;
  leaves: string[];
  nodeHashes: string[][];
  roots: { treeSize: number; root: string }[];
  hasher: { desc: string; kind: string; input?: string; left?: string; right?: string; want: string }[];
  inclusion: { reference: InclusionCase[]; derived: InclusionCase[]; probes: InclusionCase[] };
  consistency: { reference: ConsistencyCase[]; derived: ConsistencyCase[]; probes: ConsistencyCase[] };
}
const v = loadVector<MerkleVectors>('merkle-rfc6962.json');
const hex = (h: string) => Uint8Array.from(Buffer.from(h, 'hex'));

/** A fast tree: a compact range that keeps every node it completes, as the store does. */
function buildTree(leaves: Uint8Array[]) {
  const range = CompactRange.empty();
  const nodes = new Map<string, Uint8Array>();
  const roots = [toHex(range.root())];
  for (const leaf of leaves) {
    for (const node of range.append(leaf)) nodes.set(`${node.level}/${node.index}`, node.hash);
    roots.push(toHex(range.root()));
  }
  const read = (ids: NodeId[]) => ids.map((id) => {
    const hash = nodes.get(`${id.level}/${id.index}`);
    if (!hash) throw new Error(`node ${id.level}/${id.index} was never stored`);
    return hash;
  });
  return {
    roots,
    read,
    inclusion: (m: number, n: number) => { const plan = inclusionPlan(m, n); return assembleProof(plan, read(plan.flat())); },
    consistency: (m: number, n: number) => { const plan = consistencyPlan(m, n); return assembleProof(plan, read(plan.flat())); },
  };
}

describe('RFC 6962 hashing', () => {
  it.each(v.hasher.map((h) => [h.desc, h] as const))('%s', (_d, h) => {
    const got = h.kind === 'empty' ? EMPTY_ROOT : h.kind === 'leaf' ? hashLeaf(hex(h.input!)) : hashChildren(hex(h.left!), hex(h.right!));
    expect(toHex(got)).toBe(h.want);
  });
  it('hashes the empty tree to SHA-256 of nothing', () => expect(toHex(EMPTY_ROOT)).toBe(v.emptyTreeHash));
});

describe('the fast tree against the vectors', () => {
  const leaves = v.leaves.map((l) => hashLeaf(hex(l)));
  const tree = buildTree(leaves);

  it('gives every vector root, sizes 0 to 8', () => {
    for (const { treeSize, root } of v.roots) expect(tree.roots[treeSize]).toBe(root);
  });

  it('stores every complete node of the vector tree, each equal to the vector’s hash (regression: this once compared a hash with itself)', () => {
    const ids = v.nodeHashes.flatMap((level, l) => level.map((_h, i) => ({ level: l, index: i })));
    // The vector lists levels 0 (leaves) to 3 of 8 leaves: 8 + 4 + 2 + 1 nodes; leaves are not stored as nodes.
    expect(ids.length).toBe(15);
    const stored = ids.filter((id) => id.level > 0);
    expect(tree.read(stored).map(toHex)).toEqual(stored.map((id) => v.nodeHashes[id.level][id.index]));
    expect(leaves.map(toHex)).toEqual(v.nodeHashes[0]);
    expect(rangeNodes(0, 8)).toEqual([{ level: 3, index: 0 }]);
    expect(rangeNodes(0, 7)).toEqual([{ level: 2, index: 0 }, { level: 1, index: 2 }, { level: 0, index: 6 }]);
  });

  it.each([...v.inclusion.reference, ...v.inclusion.derived].map((c) => [c.leafIndex, c.treeSize, c] as const))('builds the inclusion proof of leaf %i in size %i', (m, n, c) => {
    expect(tree.inclusion(m, n).map(toHex)).toEqual(c.proof);
    expect(verifyInclusion(m, n, hex(c.leafHash), c.proof.map(hex), hex(c.root))).toEqual({ ok: true });
  });

  it.each([...v.consistency.reference, ...v.consistency.derived].map((c) => [c.size1, c.size2, c] as const))('builds the consistency proof %i -> %i', (m, n, c) => {
    expect(tree.consistency(m, n).map(toHex)).toEqual(c.proof);
    expect(verifyConsistency(m, n, hex(c.root1), hex(c.root2), c.proof.map(hex))).toEqual({ ok: true });
  });
});

describe('the verifiers on every probe of transparency-dev/merkle', () => {
  it.each(v.inclusion.probes.map((p) => [p.file, p.desc, p] as const))('inclusion %s (%s)', (_f, _d, p) => {
    const result = verifyInclusion(p.leafIndex, p.treeSize, hex(p.leafHash), p.proof.map(hex), hex(p.root));
    expect(result.ok).toBe(!p.wantErrStrict);
  });

  it.each(v.consistency.probes.map((p) => [p.file, p.desc, p] as const))('consistency %s (%s)', (_f, _d, p) => {
    const result = verifyConsistency(p.size1, p.size2, hex(p.root1), hex(p.root2), p.proof.map(hex));
    expect(result.ok).toBe(!p.wantErrStrict);
  });
});

describe('the fast tree cross-checked against the slow reference tree', () => {
  for (const size of [1, 2, 3, 5, 8, 13, 31, 32, 33, 64, 100, 127, 129, 257]) {
    it(`agrees on roots and every proof for ${size} random leaves`, () => {
      const leaves = Array.from({ length: size }, () => hashLeaf(randomBytes(8)));
      const fast = buildTree(leaves);
      const slow = new ReferenceTree(leaves);
      for (let n = 0; n <= size; n++) expect(fast.roots[n]).toBe(toHex(slow.root(n)));
      for (let n = 1; n <= size; n += Math.max(1, Math.floor(size / 17))) {
        for (let m = 0; m < n; m += Math.max(1, Math.floor(n / 11))) {
          const proof = fast.inclusion(m, n);
          expect(proof.map(toHex)).toEqual(slow.inclusion(m, n).map(toHex));
          expect(verifyInclusion(m, n, leaves[m], proof, slow.root(n)).ok).toBe(true);
        }
        for (let m = 1; m <= n; m += Math.max(1, Math.floor(n / 11))) {
          const proof = fast.consistency(m, n);
          expect(proof.map(toHex)).toEqual(slow.consistency(m, n).map(toHex));
          expect(verifyConsistency(m, n, slow.root(m), slow.root(n), proof).ok).toBe(true);
        }
      }
    });
  }

  it('rebuilds a compact range from its stored perfect subtrees', () => {
    const leaves = Array.from({ length: 45 }, () => hashLeaf(randomBytes(4)));
    const slow = new ReferenceTree(leaves);
    const ids = rangeNodes(0, 45);
    const range = CompactRange.fromNodes(45, ids.map((id) => slow.mth(id.index * 2 ** id.level, (id.index + 1) * 2 ** id.level)));
    expect(toHex(range.root())).toBe(toHex(slow.root()));
    const extra = hashLeaf(randomBytes(4));
    range.append(extra);
    expect(toHex(range.root())).toBe(toHex(new ReferenceTree([...leaves, extra]).root()));
  });

  it('refuses proofs for leaves outside the tree', () => {
    expect(() => inclusionPlan(5, 5)).toThrow(RangeError);
    expect(() => consistencyPlan(0, 5)).toThrow(RangeError);
    expect(() => consistencyPlan(6, 5)).toThrow(RangeError);
    expect(verifyInclusion(0, 0, fromHex('00'.repeat(32)), [], EMPTY_ROOT).ok).toBe(false);
  });
});
