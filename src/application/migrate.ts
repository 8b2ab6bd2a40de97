import { equalBytes } from '../audit/merkle-hash.js';
import { CompactRange, rangeNodes, foldRange } from '../audit/merkle-tree.js';
import { auditStore, type AuditReport } from './store-audit.js';
import type { LedgerStore, MerkleNodeRow, NewEntry } from './ports/ledger-store.js';
import type { VerifierKey } from '../audit/checkpoint.js';

export interface MigrationReport {
  entries: number;
  checkpoints: number;
  disclosures: number;
  /** The root of the whole log, computed from the source and read back from the target. */
  sourceRoot: string;
  targetRoot: string;
  audit: AuditReport;
  ok: boolean;
}

export class TargetNotEmptyError extends Error {
  constructor(size: number, checkpoints: number) {
    super(`the target already holds ${size} entries and ${checkpoints} checkpoints: migrate only into an empty store`);
    this.name = 'TargetNotEmptyError';
  }
}

/**
 * Copies a ledger from one store to another with the exact bytes and sequence of every entry, its
 * disclosures and every checkpoint, then proves the copy: a full audit of the target (which checks
 * every stored checkpoint's root against the copied entries) and the roots of both logs compared.
 */
export async function migrateStore(
  source: LedgerStore,
  target: LedgerStore,
  options: { verify: (publicKey: string, message: Uint8Array, signature: Uint8Array) => Promise<boolean>; ledgerKey?: VerifierKey; pageSize?: number; onProgress?(done: number, total: number): void },
): Promise<MigrationReport> {
  const targetSize = await target.size();
  const targetCheckpoints = (await target.latestCheckpoint()) ? (await target.readCheckpoints()).length : 0;
  if (targetSize > 0 || targetCheckpoints > 0) throw new TargetNotEmptyError(targetSize, targetCheckpoints);
  const total = await source.size();
  const range = CompactRange.empty();
  let disclosures = 0;
  for (let from = 0; from < total; from += options.pageSize ?? 2000) {
    const rows = await source.readAll(from, options.pageSize ?? 2000);
    const entries: NewEntry[] = [];
    const nodes: MerkleNodeRow[] = [];
    for (const row of rows) {
      const rowDisclosures = await source.readDisclosures(row.seq);
      disclosures += rowDisclosures.length;
      entries.push({ ...row, disclosures: rowDisclosures });
      for (const node of range.append(row.leaf)) if (node.level > 0) nodes.push(node);
    }
    await target.append(entries, nodes);
    options.onProgress?.(from + rows.length, total);
  }
  const checkpoints = await source.readCheckpoints();
  for (const checkpoint of checkpoints) await target.appendCheckpoint(checkpoint);
  const copiedSize = await target.size();
  const targetRoot = copiedSize ? foldRange(await target.readNodes(rangeNodes(0, copiedSize))) : range.root();
  const audit = await auditStore(target, { verify: options.verify, ledgerKey: options.ledgerKey });
  const sourceRoot = range.root();
  return {
    entries: copiedSize,
    checkpoints: checkpoints.length,
    disclosures,
    sourceRoot: Buffer.from(sourceRoot).toString('hex'),
    targetRoot: Buffer.from(targetRoot).toString('hex'),
    audit,
    ok: audit.ok && copiedSize === total && equalBytes(sourceRoot, targetRoot),
  };
}
