import type { StreamHead } from './stream-head.js';

/** The case bundle format (DESIGN.md §3.5): everything a court needs to check a case offline. */
export const BUNDLE_FORMAT = 'harbor-ledger/bundle/v1';

export interface BundleEntry {
  /** The entry's exact canonical bytes, as UTF-8 text. */
  entry: string;
  seq: number;
  /** Inclusion proof against the checkpoint's tree, lowercase hex. */
  proof: string[];
}

export interface BundleDisclosure {
  seq: number;
  path: string;
  value: string;
  salt: string;
}

export interface CaseBundle {
  format: typeof BUNDLE_FORMAT;
  /** The signed checkpoint note, verbatim: the only source of tree size and root. */
  checkpoint: string;
  /** party.registered and party.key_rotated entries of every actor in the case. */
  keys: BundleEntry[];
  /** The case's entries, in seq order. */
  entries: BundleEntry[];
  streamHead: StreamHead;
  disclosed: BundleDisclosure[];
}
