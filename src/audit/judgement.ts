import { statementSigningBytes } from './act-signature.js';
import type { JudgementClaimBody } from './bundle.js';

/** What the ledger signs for a judgement claim: `harbor-ledger/v1/judgement\n` + its canonical JSON. */
export function judgementSigningBytes({ case: caseId, treeSize, asOf, pack, deploymentSlas, judgement }: JudgementClaimBody): Uint8Array {
  return statementSigningBytes('judgement', { case: caseId, treeSize, asOf, pack, deploymentSlas, judgement });
}
