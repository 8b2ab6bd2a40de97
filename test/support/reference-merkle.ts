import { EMPTY_ROOT, hashChildren } from '../../src/audit/merkle-hash.js';

/** The slow, obviously-correct RFC 6962 tree, straight from the definitions, to cross-check the fast one. */
export class ReferenceTree {
  constructor(readonly leaves: Uint8Array[]) {}

  root(size = this.leaves.length): Uint8Array {
    return size === 0 ? EMPTY_ROOT : this.mth(0, size);
  }

  mth(begin: number, end: number): Uint8Array {
    if (end - begin === 1) return this.leaves[begin];
    const k = split(end - begin);
    return hashChildren(this.mth(begin, begin + k), this.mth(begin + k, end));
  }

  inclusion(m: number, size: number, begin = 0): Uint8Array[] {
    const n = size - begin;
    if (n === 1) return [];
    const k = split(n);
    return m < begin + k
      ? [...this.inclusion(m, begin + k, begin), this.mth(begin + k, size)]
      : [...this.inclusion(m, size, begin + k), this.mth(begin, begin + k)];
  }

  consistency(m: number, size: number): Uint8Array[] {
    const sub = (mm: number, begin: number, end: number, original: boolean): Uint8Array[] => {
      if (mm === end - begin) return original ? [] : [this.mth(begin, end)];
      const k = split(end - begin);
      return mm <= k ? [...sub(mm, begin, begin + k, original), this.mth(begin + k, end)] : [...sub(mm - k, begin + k, end, false), this.mth(begin, begin + k)];
    };
    return sub(m, 0, size, true);
  }
}

function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}
