import { BUNDLE_FORMAT_V2, type CaseBundle } from '../audit/bundle.js';
import { DOSSIER_FORMAT, type Dossier } from '../audit/dossier.js';
import { verifyBundle, type BundleReport } from '../audit/verify-bundle.js';
import { verifyDossier, type DossierReport } from '../audit/verify-dossier.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { parseWitnessKey, type WitnessKey } from '../audit/cosignature.js';
import type { VerificationFailure } from '../audit/verification-error.js';
import { checkWitnessQuorum } from '../audit/witness-quorum.js';
import type { RepeatInfringersView } from '../application/compliance-service.js';
import type { ProviderCompliance } from '../domain/projections/provider-compliance.js';
import { formatCaseText } from '../verdict/case-text.js';
import { rejudgeDossier, type DossierRejudgement } from '../verdict/dossier.js';
import { rejudgeBundle, type Rejudgement } from '../verdict/rejudge.js';
import { ledgerKeyOf } from './check.command.js';
import { formatCompliance } from './compliance-text.js';
import { CliError, isRfc3339, parseJsonValue, readText, type CliIo } from './io.js';

/** A bundle or a dossier, verified, and judged again from its entries when it is valid (and v2). */
export type CheckedEvidence =
  | { kind: 'bundle'; report: BundleReport; rejudged?: Rejudgement }
  | { kind: 'dossier'; report: DossierReport; rejudged?: DossierRejudgement };

/** What harbor verify and harbor report case share: read the file (or -), check it against the pinned key, judge it again. */
export async function checkEvidence(io: CliIo, file: string, ledgerKey: string, asOfText: string | undefined, witnesses?: WitnessRequirement): Promise<CheckedEvidence> {
  const key = ledgerKeyOf(ledgerKey);
  if (asOfText !== undefined && !isRfc3339(asOfText)) throw new CliError(`--as-of must be an RFC 3339 time with its zone, e.g. 2026-11-30T12:00:00Z; got ${asOfText}`, 2);
  const asOf = asOfText === undefined ? undefined : new Date(asOfText).toISOString();
  const input = parseJsonValue(file === '-' ? await io.readStdin() : readText(file), file);
  const quorum = <R extends { ok: boolean; failures: VerificationFailure[] }>(report: R): R => withQuorum(report, input, witnesses);
  if ((input as { format?: unknown })?.format === DOSSIER_FORMAT) {
    const report = quorum(verifyDossier(input, key, verifyStrictNode));
    return { kind: 'dossier', report, rejudged: report.ok ? rejudgeDossier(input as Dossier, asOf) : undefined };
  }
  const report = quorum(verifyBundle(input, key, verifyStrictNode));
  // A valid v2 bundle is judged again from its entries: the verdict is recomputed, not taken on trust.
  return { kind: 'bundle', report, rejudged: report.ok && (input as CaseBundle).format === BUNDLE_FORMAT_V2 ? rejudgeBundle(input as CaseBundle, asOf) : undefined };
}

/** `--witness` keys and `--min-witnesses`: the checkpoint must carry that many of their cosignatures. */
export interface WitnessRequirement {
  keys: WitnessKey[];
  min: number;
}

/** Reads the repeated --witness options and --min-witnesses (default 1 once a witness is named). */
export function witnessRequirement(vkeys: readonly string[] = [], minText: string | undefined): WitnessRequirement | undefined {
  const keys = vkeys.map((vkey) => {
    const key = parseWitnessKey(vkey);
    if (!key) throw new CliError(`--witness ${vkey} is not a witness key (name+keyid+base64, as harbor witness serve prints it)`, 2);
    return key;
  });
  if (minText === undefined) return keys.length ? { keys, min: 1 } : undefined;
  const min = /^[1-9][0-9]*$/.test(minText) ? Number(minText) : Number.NaN;
  if (!(min >= 1)) throw new CliError(`--min-witnesses must be a whole number of at least 1, got ${minText}`, 2);
  if (min > keys.length) throw new CliError(`--min-witnesses ${min} needs at least ${min} --witness keys; ${keys.length} given`, 2);
  return { keys, min };
}

/** A valid report stays valid only if the witnesses' quorum holds over the evidence's checkpoint. */
function withQuorum<R extends { ok: boolean; failures: VerificationFailure[] }>(report: R, input: unknown, witnesses: WitnessRequirement | undefined): R {
  if (!witnesses) return report;
  const note = (input as { checkpoint?: unknown })?.checkpoint;
  const { failure, cosigned } = checkWitnessQuorum(typeof note === 'string' ? note : '', witnesses.keys, witnesses.min, verifyStrictNode);
  return { ...report, witnesses: cosigned, ...(failure ? { ok: false, failures: [...report.failures, failure] } : {}) };
}

/** The evidence as a person reads it. */
export function evidenceText(checked: CheckedEvidence): string {
  const text = checked.kind === 'dossier' ? formatDossierText(checked.report, checked.rejudged) : checked.rejudged ? formatCaseText(checked.report, checked.rejudged) : formatReport(checked.report);
  const cosigned = (checked.report as { witnesses?: { witness: string; timestamp: number }[] }).witnesses;
  if (!cosigned) return text;
  const who = cosigned.map((c) => `${c.witness} (${new Date(c.timestamp * 1000).toISOString()})`).join(', ');
  return `${text}\nwitnesses   ${cosigned.length ? `cosigned by ${who}` : 'no cosignature of the witnesses named'}`;
}

/** The same for machines (--json). */
export function evidenceJson(checked: CheckedEvidence): unknown {
  if (checked.kind === 'dossier') {
    const r = checked.rejudged;
    return r ? { ...checked.report, rejudgement: { asOf: r.asOf, ok: r.failures.length === 0, failures: r.failures, compliance: r.compliance } } : checked.report;
  }
  return checked.rejudged ? { ...checked.report, rejudgement: rejudgementJson(checked.rejudged) } : checked.report;
}

function rejudgementJson(r: Rejudgement) {
  return { case: r.caseId, asOf: r.asOf, compared: r.compared, ok: r.failures.length === 0, failures: r.failures, judgement: r.judgement };
}

function formatReport(report: BundleReport): string {
  const lines: string[] = [];
  if (report.summary) {
    const s = report.summary;
    lines.push(`checkpoint  ${s.origin}, tree size ${s.treeSize}, root ${s.root}`);
    lines.push(`stream      ${s.stream}: ${s.entries} entries by ${s.actors.join(', ')}`);
  }
  if (report.ok) lines.push('VALID: every entry is canonical, signed by its actor, chained, included in the signed checkpoint, and the stream head matches.');
  else {
    lines.push(`INVALID: ${report.failures.length} failure(s)`);
    for (const f of report.failures) lines.push(`  ${f.code.padEnd(20)} ${f.seq === undefined ? '' : `seq ${f.seq}: `}${f.message}`);
  }
  return lines.join('\n');
}

function formatDossierText(report: DossierReport, r: DossierRejudgement | undefined): string {
  const s = report.summary;
  const period = s ? `${s.from ? `from ${s.from} ` : ''}${s.to ? `to ${s.to}` : ''}`.trim() || 'all time' : '';
  const lines = s ? [`Dossier of ${s.provider}: ${s.cases} case(s) opened (${period}), checkpoint ${s.origin}, tree size ${s.treeSize}`] : [];
  if (!report.ok) {
    lines.push(`INVALID: ${report.failures.length} failure(s)`);
    for (const f of report.failures) lines.push(`  ${f.code.padEnd(20)} ${f.seq === undefined ? '' : `seq ${f.seq}: `}${f.message}`);
    return lines.join('\n');
  }
  lines.push('VALID: every entry canonical, signed, chained and included; every stream whole; the list of cases signed by the ledger.');
  const compared = r!.cases.filter((c) => c.compared).length;
  lines.push(r!.failures.length ? `Judgements: ${r!.failures.length} do not hold:` : `Judgements: ${r!.cases.length} recomputed from the entries alone${compared ? `; all ${compared} equal the ledger's signed claims` : ''}.`);
  for (const f of r!.failures) lines.push(`  ${f.code.padEnd(20)} ${f.message}`);
  lines.push('', formatCompliance(r!.compliance as ProviderCompliance, r!.repeatInfringers as RepeatInfringersView));
  return lines.join('\n');
}
