import { equalBytes, hashChildren, HASH_SIZE } from './merkle-hash.js';

/**
 * Checking RFC 9162 proofs (§2.1.3.2, §2.1.4.2). Needs bytes and the hasher, never storage. Every
 * input is attacker-controlled: any hash that is not exactly 32 bytes is refused before anything else.
 */
export type ProofCheck = { ok: true } | { ok: false; reason: string };

const fail = (reason: string): ProofCheck => ({ ok: false, reason });
const OK: ProofCheck = { ok: true };

function allHashes(...groups: (Uint8Array | readonly Uint8Array[])[]): boolean {
  return groups.flat().every((h) => h instanceof Uint8Array && h.length === HASH_SIZE);
}

/** Recomputes the root from a leaf and its audit path; the result is compared with `root`. */
export function verifyInclusion(leafIndex: number, treeSize: number, leafHash: Uint8Array, proof: readonly Uint8Array[], root: Uint8Array): ProofCheck {
  if (!allHashes(leafHash, root, proof)) return fail('a hash is not 32 bytes');
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) {
    return fail(`leaf index ${leafIndex} is not inside a tree of size ${treeSize}`);
  }
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return fail('the proof is longer than the path to the root');
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('the proof is shorter than the path to the root');
  return equalBytes(r, root) ? OK : fail('the proof does not lead to the root');
}

/** Checks that the tree of size2 (root2) extends the tree of size1 (root1). size1 = 0 is refused. */
export function verifyConsistency(size1: number, size2: number, root1: Uint8Array, root2: Uint8Array, proof: readonly Uint8Array[]): ProofCheck {
  if (!allHashes(root1, root2, proof)) return fail('a hash is not 32 bytes');
  if (!Number.isSafeInteger(size1) || !Number.isSafeInteger(size2) || size1 < 1 || size2 < size1) {
    return fail(`sizes ${size1} -> ${size2} cannot be proved consistent (need 0 < size1 <= size2)`);
  }
  if (size1 === size2) {
    if (proof.length) return fail('equal sizes need an empty proof');
    return equalBytes(root1, root2) ? OK : fail('equal sizes with different roots');
  }
  if (proof.length === 0) return fail('the proof is empty');
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return fail('the proof is longer than needed');
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0) return fail('the proof is shorter than needed');
  if (!equalBytes(fr, root1)) return fail('the proof does not lead to the old root');
  return equalBytes(sr, root2) ? OK : fail('the proof does not lead to the new root');
}

function isPowerOfTwo(n: number): boolean {
  let rest = n;
  while (rest > 1 && rest % 2 === 0) rest /= 2;
  return rest === 1;
}
