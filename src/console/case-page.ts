import type { CaseBundle } from '../audit/bundle.js';
import type { VerifierKey } from '../audit/checkpoint.js';
import { verifyBundle } from '../audit/verify-bundle.js';
import type { CaseJudgementView } from '../domain/projections/case-judgement.js';
import { caseSectionsOf, escape } from '../verdict/case-html.js';
import { citationText } from '../verdict/citation-text.js';
import { servedActs, type ServedTimelineItem } from '../verdict/case-text.js';
import { rejudgeBundle } from '../verdict/rejudge.js';
import { getJson } from './api.js';
import { NOT_A_KEY, pinLedgerKey, savedLedgerKey } from './pinned-key.js';
import { currentSession } from './session.js';
import { withWebCrypto } from './webcrypto-verify.js';

/** The case as GET /v1/cases/:id serves it. */
type CaseView = { id: string; asOf: string; judged: boolean; timeline: ServedTimelineItem[] } & Partial<CaseJudgementView>;

/** `/cases/<id>[?asOf=YYYY-MM-DD]`: the case as the ledger judges it, and a check of it in this browser. */
export async function casePage(main: HTMLElement, id: string, asOfDay: string | null): Promise<void> {
  const asOf = asOfDay ? `${asOfDay}T23:59:59.999Z` : undefined;
  const view = await getJson<CaseView>(`/v1/cases/${encodeURIComponent(id)}${asOf ? `?asOf=${asOf}` : ''}`);
  const judgement = view.judged ? (view as CaseView & CaseJudgementView) : null;
  const zone = judgement?.obligations[0]?.timeZone ?? 'UTC';
  const acts = servedActs(view.timeline);
  document.title = `Case ${view.id}: Safe Harbor Ledger`;
  main.innerHTML = `<h1>Case ${escape(view.id)}</h1>
${judgement ? `<p class="lead">Judged under <strong>${escape(judgement.pack)}</strong> as of ${escape(view.asOf)}: the item is <strong>${escape(judgement.protection.status.replaceAll('_', ' '))}</strong>${judgement.protection.reasons.length ? ` (${judgement.protection.reasons.map((r) => escape(`${r.code}${r.obligation ? ` ${r.obligation}` : ''}: ${citationText(r)}`)).join('; ')})` : ''}.</p>` : '<p class="lead">Not judged: the case has no notice of a pack this ledger judges.</p>'}
${asOfForm(view, asOfDay)}
${caseSectionsOf(acts, judgement, zone)}
<section class="personal" aria-labelledby="personal-title"><h2 id="personal-title">Personal data</h2><div id="personal"><p>Contact details and identities are in the log only as salted commitments.</p></div></section>
${verifyPanel()}`;
  await showPersonalData(main, view.id);
  wireVerify(main, view.id);
  wireAsOf(main);
}

/** The day to see the case as it stood: a slider from its first act to today, and the same as a date field. */
function asOfForm(view: CaseView, asOfDay: string | null): string {
  const first = (view.timeline[0]?.attested?.occurredAt ?? view.timeline[0]?.recordedAt ?? view.asOf).slice(0, 10);
  const today = new Date().toISOString().slice(0, 10);
  const dayOf = (date: string) => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
  const shown = asOfDay ?? view.asOf.slice(0, 10);
  const span = Math.max(0, dayOf(today) - dayOf(first));
  return `<form class="as-of" method="get" action="/cases/${encodeURIComponent(view.id)}">
  <label for="as-of-day">As it stood on</label>
  <input id="as-of-day" type="range" min="0" max="${span}" value="${Math.min(span, Math.max(0, dayOf(shown) - dayOf(first)))}" data-first="${escape(first)}" aria-valuetext="${escape(shown)}">
  <input id="as-of" name="asOf" type="date" min="${escape(first)}" value="${escape(shown)}" aria-label="the day, as a date"> <button type="submit">Show</button>
</form>`;
}

/** Moving the slider sets the date; letting go of it shows the case as of that day. */
function wireAsOf(main: HTMLElement): void {
  const slider = main.querySelector<HTMLInputElement>('#as-of-day')!;
  const date = main.querySelector<HTMLInputElement>('#as-of')!;
  const dayAt = () => new Date(Date.parse(`${slider.dataset.first}T00:00:00Z`) + Number(slider.value) * 86_400_000).toISOString().slice(0, 10);
  slider.addEventListener('input', () => {
    date.value = dayAt();
    slider.setAttribute('aria-valuetext', date.value);
  });
  slider.addEventListener('change', () => slider.form!.requestSubmit());
}

/** The clear values the signed-in party may read (the ledger decides, and logs each release); none for a reader who is not signed in. */
async function showPersonalData(main: HTMLElement, id: string): Promise<void> {
  const out = main.querySelector<HTMLElement>('#personal')!;
  const session = currentSession();
  if (!session) {
    out.innerHTML = `<p>Contact details and identities are in the log only as salted commitments. <a href="/sign-in?back=${encodeURIComponent(location.pathname + location.search)}">Sign in</a> with your party's key to see those your party may read.</p>`;
    return;
  }
  let bundle: CaseBundle;
  try {
    bundle = await getJson<CaseBundle>(`/v1/cases/${encodeURIComponent(id)}/bundle?disclose=true`);
  } catch (error) {
    const message = (error as Error).message;
    // Refused by the read rules: this party is entitled to none of it (the ledger says why).
    out.innerHTML = message.startsWith('not_allowed')
      ? `<p>None of this case's personal data is for ${escape(session.partyId)} to read: ${escape(message.replace(/^not_allowed: /, ''))}.</p>`
      : `<p class="error">The ledger did not answer for the personal data: ${escape(message)}</p>`;
    return;
  }
  const rows = (bundle.disclosed ?? []).map((d) => `<tr><td class="n">${d.seq}</td><td>${escape(d.path)}</td><td>${escape(d.value)}</td></tr>`).join('');
  out.innerHTML = rows
    ? `<p>What ${escape(session.partyId)} may read (each release is in the ledger's access log):</p><table class="disclosed"><thead><tr><th>seq</th><th>field</th><th>value</th></tr></thead><tbody>${rows}</tbody></table>`
    : `<p>None of this case's personal data is for ${escape(session.partyId)} to read.</p>`;
}

function verifyPanel(): string {
  const saved = savedLedgerKey();
  return `<section class="verify" aria-labelledby="verify-title"><h2 id="verify-title">Verify in this browser</h2>
<p>Fetches the case's bundle and checks every signature, inclusion proof and the verdict here, against the ledger key you pinned (from a source you trust, not from this page).</p>
<label for="ledger-key">Ledger key</label> <input id="ledger-key" size="70" spellcheck="false" value="${escape(saved)}" placeholder="origin+keyid+base64">
<button id="verify-button" type="button">Verify</button>
<div id="verify-result" role="status" aria-live="polite"></div></section>`;
}

function wireVerify(main: HTMLElement, id: string): void {
  const input = main.querySelector<HTMLInputElement>('#ledger-key')!;
  const out = main.querySelector<HTMLElement>('#verify-result')!;
  main.querySelector('#verify-button')!.addEventListener('click', async () => {
    const key = pinLedgerKey(input.value);
    if (!key) {
      out.innerHTML = NOT_A_KEY;
      return;
    }
    out.innerHTML = '<p>Fetching the bundle…</p>';
    const bundle = await getJson<CaseBundle>(`/v1/cases/${encodeURIComponent(id)}/bundle`);
    out.innerHTML = await checkBundle(bundle, key);
  });
}

/** Verifies and judges again a bundle in this browser: each check and its result, failures with their codes and seqs. */
export async function checkBundle(bundle: unknown, key: VerifierKey): Promise<string> {
  const t0 = performance.now();
  const report = await withWebCrypto((verify) => verifyBundle(bundle, key, verify));
  const rejudged = report.ok && (bundle as CaseBundle).judgement ? rejudgeBundle(bundle as CaseBundle) : undefined;
  const ms = Math.round(performance.now() - t0);
  const failures = [...report.failures, ...(rejudged?.failures ?? [])];
  const s = report.summary;
  const checks = [
    ['Signatures of every act and the checkpoint, under the pinned key', report.ok],
    [s ? `Inclusion of ${s.entries} entries of ${s.stream} in the log of ${s.treeSize} entries (root ${s.root.slice(0, 16)}…)` : 'Inclusion in the log', report.ok],
    ['The verdict recomputed from the entries equals the ledger’s signed judgement', rejudged ? rejudged.failures.length === 0 && rejudged.compared : false],
  ] as const;
  const items = checks.map(([what, ok]) => `<li class="${ok ? 'ok' : 'bad'}"><span class="mark">${ok ? 'passed' : 'failed'}</span> ${escape(what)}</li>`).join('');
  const table = failures.length
    ? `<table><thead><tr><th>code</th><th>seq</th><th>what</th></tr></thead><tbody>${failures.map((f) => `<tr><td>${escape(f.code)}</td><td>${'seq' in f && f.seq !== undefined ? f.seq : ''}</td><td>${escape(f.message)}</td></tr>`).join('')}</tbody></table>`
    : '';
  const verdict = failures.length ? '<p class="banner bad">Verification: INVALID</p>' : '<p class="banner ok">Verification: VALID</p>';
  return `${verdict}<ol class="checks">${items}</ol>${table}<p class="small">Checked in this browser in ${ms} ms.</p>`;
}
