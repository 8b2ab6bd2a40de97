import { sha256 } from '../../audit/sha256.js';
import { toHex, utf8 } from '../../audit/encoding.js';
import type { RecordedAct } from '../recorded-act.js';

/**
 * Statements of reasons (DSA Art 17, Art 24(5)) for the EU Transparency Database, in the exact JSON
 * of its API (digital-services-act/transparency-database, app/Http/Requests/StatementStoreRequest.php
 * and app/Models/Statement.php, 2026-06-24): one statement per restricting measure of an eu-dsa case.
 * No personal data goes in (Art 24(5)): no names, contacts, or the notifier's identity.
 */
export interface TdbStatement {
  decision_visibility?: string[];
  decision_visibility_other?: string;
  decision_provision?: string;
  decision_account?: string;
  decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT' | 'DECISION_GROUND_INCOMPATIBLE_CONTENT';
  illegal_content_legal_ground?: string;
  illegal_content_explanation?: string;
  incompatible_content_ground?: string;
  incompatible_content_explanation?: string;
  content_type: string[];
  content_type_other?: string;
  category: string;
  category_specification?: string[];
  content_date: string;
  application_date: string;
  end_date_visibility_restriction?: string;
  end_date_account_restriction?: string;
  end_date_service_restriction?: string;
  decision_facts: string;
  source_type: 'SOURCE_ARTICLE_16' | 'SOURCE_TRUSTED_FLAGGER' | 'SOURCE_TYPE_OTHER_NOTIFICATION' | 'SOURCE_VOLUNTARY';
  automated_detection: 'Yes' | 'No';
  automated_decision: 'AUTOMATED_DECISION_FULLY' | 'AUTOMATED_DECISION_PARTIALLY' | 'AUTOMATED_DECISION_NOT_AUTOMATED';
  puid: string;
}

/** The TDB's multiple-statements endpoint takes 1 to 100 statements a call. */
export const TDB_BATCH = 100;

export interface TdbCaseContext {
  caseId: string;
  /** The log's origin: PUIDs are unique per ledger, not only per case. */
  origin: string;
  /** Whether the notifier was an accredited trusted flagger when it sent the notice (earned, never declared). */
  trustedFlagger: boolean;
}

type Measure = 'removed' | 'disabled' | 'geo_blocked' | 'demoted' | 'delinked' | 'forward_only' | 'account_restricted';
interface MeasureData {
  measure: Measure;
  items: string[];
  basis: string;
  scope?: 'item' | 'account' | 'service';
  reasons?: Reasons;
}
interface Reasons {
  ground: 'illegal_content' | 'incompatible_content';
  facts: string;
  automatedDetection: boolean;
  automatedDecision: 'fully' | 'partially' | 'not_automated';
  legalGround?: string;
}

/** The measures of the case that restrict something, each as a statement of reasons. */
export function tdbStatements(acts: readonly RecordedAct[], context: TdbCaseContext): TdbStatement[] {
  const opening = acts.find((a) => ['notice.submitted', 'notice.received', 'awareness.recorded'].includes(a.act.type));
  if (!opening) return [];
  return acts.flatMap((a, i) => {
    if (a.act.type !== 'measure.taken') return [];
    const data = a.act.data as unknown as MeasureData;
    const restriction = restrictionOf(data);
    if (!restriction) return [];
    // Stated on the measure; else the latest statement before it; else the first after it (a later one may be another measure's).
    const reasons = data.reasons ?? statedReasons([...acts.slice(0, i + 1)].reverse()) ?? statedReasons(acts.slice(i + 1));
    return [{ ...restriction, ...groundOf(reasons, opening), ...categoryOf(opening, reasons), ...datesOf(a, opening, acts.slice(i + 1), data), ...sourceOf(opening, context), ...automationOf(reasons), decision_facts: clip(factsOf(data, reasons, context, a), 5000), puid: puidOf(context.origin, a) }];
  });
}

/** What the measure restricted, in the TDB's four decision fields; `forward_only` restricts nothing. */
function restrictionOf(data: MeasureData): Pick<TdbStatement, 'decision_visibility' | 'decision_visibility_other' | 'decision_provision' | 'decision_account'> | undefined {
  if (data.measure === 'forward_only') return undefined;
  if (data.measure === 'account_restricted' || data.scope === 'account') return { decision_account: 'DECISION_ACCOUNT_SUSPENDED' };
  if (data.scope === 'service') return { decision_provision: 'DECISION_PROVISION_TOTAL_SUSPENSION' };
  const visibility: Record<Exclude<Measure, 'forward_only' | 'account_restricted'>, string> = {
    removed: 'DECISION_VISIBILITY_CONTENT_REMOVED',
    disabled: 'DECISION_VISIBILITY_CONTENT_DISABLED',
    demoted: 'DECISION_VISIBILITY_CONTENT_DEMOTED',
    geo_blocked: 'DECISION_VISIBILITY_OTHER',
    delinked: 'DECISION_VISIBILITY_OTHER',
  };
  const other = { geo_blocked: 'Access disabled in some territories (geo-blocking)', delinked: 'Removed from search results (delisting)' } as Record<string, string>;
  const code = visibility[data.measure];
  return { decision_visibility: [code], ...(other[data.measure] ? { decision_visibility_other: other[data.measure] } : {}) };
}

/** The first `reasons.stated` in the order given. */
function statedReasons(acts: readonly RecordedAct[]): Reasons | undefined {
  const stated = acts.find((a) => a.act.type === 'reasons.stated');
  return stated ? (stated.act.data as unknown as Reasons) : undefined;
}

/** Illegal content unless the provider said the content breached its terms only. */
function groundOf(reasons: Reasons | undefined, opening: RecordedAct): Pick<TdbStatement, 'decision_ground' | 'illegal_content_legal_ground' | 'illegal_content_explanation' | 'incompatible_content_ground' | 'incompatible_content_explanation'> {
  const explanation = clip(reasons?.facts ?? (opening.act.data as { explanation?: string }).explanation ?? 'As stated in the notice recorded in the ledger.', 2000);
  if (reasons?.ground === 'incompatible_content') {
    return { decision_ground: 'DECISION_GROUND_INCOMPATIBLE_CONTENT', incompatible_content_ground: clip(reasons.legalGround ?? 'Terms and conditions of the service', 500), incompatible_content_explanation: explanation };
  }
  const works = (opening.act.data as { works?: string[] }).works;
  const ground = reasons?.legalGround ?? (works?.length ? 'Infringement of copyright (Directive 2001/29/EC and national law)' : 'Illegal content under Union or national law');
  return { decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT', illegal_content_legal_ground: clip(ground, 500), illegal_content_explanation: explanation };
}

const IP_KEYWORDS: [RegExp, string][] = [
  [/copyright|droit d'auteur|urheberrecht/i, 'KEYWORD_COPYRIGHT_INFRINGEMENT'],
  [/trade ?mark|marque|marke/i, 'KEYWORD_TRADEMARK_INFRINGEMENT'],
  [/design/i, 'KEYWORD_DESIGN_INFRINGEMENT'],
  [/patent/i, 'KEYWORD_PATENT_INFRINGEMENT'],
  [/trade secret/i, 'KEYWORD_TRADE_SECRET_INFRINGEMENT'],
  [/geographic(al)? indication/i, 'KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT'],
];

/** Intellectual property when the notice names works or an IP category; breaches of terms as such; otherwise a notice of no stated category. */
function categoryOf(opening: RecordedAct, reasons: Reasons | undefined): Pick<TdbStatement, 'category' | 'category_specification' | 'content_type' | 'content_type_other'> {
  const contentType = { content_type: ['CONTENT_TYPE_OTHER'], content_type_other: 'Not recorded in the ledger' };
  if (reasons?.ground === 'incompatible_content') return { category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC', ...contentType };
  const data = opening.act.data as { works?: string[]; category?: string };
  const keywords = IP_KEYWORDS.filter(([pattern]) => pattern.test(data.category ?? '')).map(([, keyword]) => keyword);
  if (data.works?.length && keywords.length === 0) keywords.push('KEYWORD_COPYRIGHT_INFRINGEMENT');
  if (keywords.length) return { category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', category_specification: keywords, ...contentType };
  return { category: 'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE', ...contentType };
}

/** Dates in UTC: the content is known to exist from the notice (the TDB asks for a day, not earlier than 2000); the restriction ends when lifted. */
function datesOf(measure: RecordedAct, opening: RecordedAct, later: readonly RecordedAct[], data: MeasureData): Pick<TdbStatement, 'content_date' | 'application_date' | 'end_date_visibility_restriction' | 'end_date_account_restriction' | 'end_date_service_restriction'> {
  const day = (at: string) => at.slice(0, 10);
  const lifted = later.find((a) => a.act.type === 'measure.lifted' && data.items.every((item) => (a.act.data as { items: string[] }).items.includes(item)));
  const endField = data.measure === 'account_restricted' || data.scope === 'account' ? 'end_date_account_restriction' : data.scope === 'service' ? 'end_date_service_restriction' : 'end_date_visibility_restriction';
  const contentDate = day(opening.act.at) < '2000-01-01' ? '2000-01-01' : day(opening.act.at);
  return { content_date: contentDate, application_date: day(measure.act.at), ...(lifted ? { [endField]: day(lifted.act.at) } : {}) };
}

function sourceOf(opening: RecordedAct, context: TdbCaseContext): Pick<TdbStatement, 'source_type'> {
  if (opening.act.type === 'awareness.recorded') {
    const source = (opening.act.data as { source: string }).source;
    return { source_type: source === 'own_detection' ? 'SOURCE_VOLUNTARY' : 'SOURCE_TYPE_OTHER_NOTIFICATION' };
  }
  return { source_type: context.trustedFlagger ? 'SOURCE_TRUSTED_FLAGGER' : 'SOURCE_ARTICLE_16' };
}

/** As the provider stated them; a measure with no stated reasons is reported as detected and decided by people. */
function automationOf(reasons: Reasons | undefined): Pick<TdbStatement, 'automated_detection' | 'automated_decision'> {
  const decision = { fully: 'AUTOMATED_DECISION_FULLY', partially: 'AUTOMATED_DECISION_PARTIALLY', not_automated: 'AUTOMATED_DECISION_NOT_AUTOMATED' } as const;
  return { automated_detection: reasons?.automatedDetection ? 'Yes' : 'No', automated_decision: decision[reasons?.automatedDecision ?? 'not_automated'] };
}

function factsOf(data: MeasureData, reasons: Reasons | undefined, context: TdbCaseContext, measure: RecordedAct): string {
  const what = `Measure "${data.measure}" on ${data.items.length} item(s), basis ${data.basis}; ledger ${context.origin}, case ${context.caseId}, entry ${measure.seq}.`;
  return reasons ? `${reasons.facts}\n${what}` : what;
}

/** Stable, unique per ledger and act, and within the TDB's `[A-Za-z0-9_-]{1,500}`. */
export function puidOf(origin: string, measure: RecordedAct): string {
  return `harbor-${measure.seq}-${toHex(sha256(utf8(`${origin}\n${measure.act.id}`))).slice(0, 24)}`;
}

function clip(text: string, max: number): string {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;
}
