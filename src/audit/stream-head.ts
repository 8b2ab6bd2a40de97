import { statementSigningBytes } from './act-signature.js';

/**
 * The ledger's signed claim that `stream` had exactly `revisions` entries among the first `treeSize`
 * leaves, the last with leaf `head` (DESIGN.md §3.5). A bundle that hides an entry contradicts it.
 */
export interface StreamHeadBody {
  stream: string;
  revisions: number;
  /** Hex leaf of the stream's last entry within the tree; null for a stream with no entries there. */
  head: string | null;
  treeSize: number;
}

export interface StreamHead extends StreamHeadBody {
  sig: string;
}

export function streamHeadSigningBytes({ stream, revisions, head, treeSize }: StreamHeadBody): Uint8Array {
  return statementSigningBytes('stream-head', { stream, revisions, head, treeSize });
}
