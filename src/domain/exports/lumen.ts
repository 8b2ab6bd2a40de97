import { latestPack } from '../jurisdictions/registry.js';
import type { RecordedAct } from '../recorded-act.js';

/**
 * Notice records in the shape of the Lumen Database's public API (berkmancenter/lumendatabase,
 * app/serializers/notice_serializer.rb and work_serializer.rb): for research on notices across
 * regimes. A counter-notice is its own record, linked to its notice (`counternotice_for_id`).
 */
export interface LumenNotice {
  id: string;
  type: 'DMCA' | 'Counternotice' | 'Trademark' | 'Other';
  title: string;
  body: null;
  date_sent: string;
  date_received: string;
  topics: string[];
  sender_name: string;
  principal_name: string;
  recipient_name: string;
  works: { description: string; infringing_urls: { url: string }[]; copyrighted_urls: { url: string }[] }[];
  tags: string[];
  jurisdictions: string[];
  action_taken: 'Yes' | 'No' | 'Partial' | 'Unspecified';
  language: null;
  counternotice_for_id?: string;
}

const RESTRICTING = new Set(['removed', 'disabled', 'geo_blocked', 'demoted', 'delinked', 'account_restricted']);

interface NoticeData {
  provider: string;
  pack: string;
  works?: string[];
  items?: { locator: string }[];
  claimant?: { name?: string; onBehalfOf?: string };
  category?: string;
  notifier?: string;
  receivedAt?: string;
}

/** The case's notice (and counter-notice) as Lumen records; a case opened by awareness has none. */
export function lumenNotices(caseId: string, acts: readonly RecordedAct[]): LumenNotice[] {
  const notice = acts.find((a) => a.act.type === 'notice.submitted' || a.act.type === 'notice.received');
  if (!notice) return [];
  const data = notice.act.data as unknown as NoticeData;
  const trademark = /trade ?mark|counterfeit/i.test(data.category ?? '');
  const jurisdiction = latestPack(data.pack)?.jurisdiction ?? data.pack;
  const urls = (data.items ?? []).map((i) => ({ url: i.locator }));
  const record: LumenNotice = {
    id: caseId,
    // Lumen's DMCA type is a notice under 17 U.S.C. §512: copyright in the US.
    type: trademark ? 'Trademark' : jurisdiction === 'US' ? 'DMCA' : 'Other',
    title: `Notice to ${data.provider} under ${data.pack}`,
    body: null,
    date_sent: notice.act.at,
    date_received: data.receivedAt ?? notice.recordedAt,
    topics: [trademark ? 'Trademark' : data.works?.length ? 'Copyright' : 'Other'],
    sender_name: data.claimant?.name ?? data.notifier ?? notice.act.actor,
    principal_name: data.claimant?.onBehalfOf ?? data.claimant?.name ?? data.notifier ?? notice.act.actor,
    recipient_name: data.provider,
    works: (data.works?.length ? data.works : ['Not described']).map((description) => ({ description, infringing_urls: urls, copyrighted_urls: [] })),
    tags: [],
    jurisdictions: [jurisdiction],
    action_taken: actionTaken(acts, urls.map((u) => u.url)),
    language: null,
  };
  const counter = acts.find((a) => a.act.type === 'counter_notice.submitted');
  if (!counter) return [record];
  return [record, { ...record, id: `${caseId}/counter-notice`, type: 'Counternotice', title: `Counter-notice to ${data.provider} under ${data.pack}`, date_sent: counter.act.at, date_received: counter.recordedAt, sender_name: counter.act.actor, principal_name: counter.act.actor, action_taken: 'Unspecified', counternotice_for_id: caseId }];
}

/** Yes when every item was restricted, Partial when some were, No when the notice was rejected or nothing was done. */
function actionTaken(acts: readonly RecordedAct[], items: string[]): LumenNotice['action_taken'] {
  const restricted = new Set(acts.filter((a) => a.act.type === 'measure.taken' && RESTRICTING.has((a.act.data as { measure: string }).measure)).flatMap((a) => (a.act.data as { items: string[] }).items));
  if (items.length && items.every((i) => restricted.has(i))) return 'Yes';
  if (items.some((i) => restricted.has(i))) return 'Partial';
  if (acts.some((a) => a.act.type === 'notice.rejected')) return 'No';
  return restricted.size ? 'Partial' : 'Unspecified';
}
