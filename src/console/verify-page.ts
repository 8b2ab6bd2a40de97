import type { CaseBundle } from '../audit/bundle.js';
import type { VerifierKey } from '../audit/checkpoint.js';
import { DOSSIER_FORMAT, type Dossier } from '../audit/dossier.js';
import { verifyBundle } from '../audit/verify-bundle.js';
import { verifyDossier } from '../audit/verify-dossier.js';
import { caseCourtFile, escape } from '../verdict/case-html.js';
import { dossierCourtFile } from '../verdict/dossier-html.js';
import { rejudgeDossier } from '../verdict/dossier.js';
import { rejudgeBundle } from '../verdict/rejudge.js';
import { NOT_A_KEY, pinLedgerKey, savedLedgerKey } from './pinned-key.js';
import { withWebCrypto } from './webcrypto-verify.js';

/** `/verify`: a case bundle or a provider dossier checked and judged again in this browser; nothing is sent anywhere. */
export function verifyPage(main: HTMLElement): void {
  document.title = 'Verify a file: Safe Harbor Ledger';
  main.innerHTML = `<h1>Verify a file</h1>
<p>Choose or drop a case bundle or a provider dossier. It is read, verified and judged again here, in this browser, against the ledger key you pinned: the file is sent nowhere.</p>
<form id="verify-form" class="verify-file">
  <p><label for="file">Bundle or dossier (JSON)</label><br><input id="file" type="file" accept="application/json,.json"></p>
  <div id="drop" class="drop" tabindex="0" aria-label="Drop a bundle or dossier here">…or drop the file here</div>
  <p><label for="ledger-key">Ledger key</label><br><input id="ledger-key" size="70" spellcheck="false" value="${escape(savedLedgerKey())}" placeholder="origin+keyid+base64"></p>
  <button type="submit">Verify</button>
</form>
<div id="verify-result" role="status" aria-live="polite"></div>`;
  let dropped: File | undefined;
  const drop = main.querySelector<HTMLElement>('#drop')!;
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    dropped = e.dataTransfer?.files[0];
    drop.textContent = dropped ? `Dropped: ${dropped.name}` : '…or drop the file here';
  });
  main.querySelector('#verify-form')!.addEventListener('submit', (e) => {
    e.preventDefault();
    // The last result goes at once: what shows is always about the file just chosen.
    main.querySelector<HTMLElement>('#verify-result')!.innerHTML = '<p>Verifying…</p>';
    void verifyChosen(main, main.querySelector<HTMLInputElement>('#file')!.files?.[0] ?? dropped);
  });
}

async function verifyChosen(main: HTMLElement, file: File | undefined): Promise<void> {
  const out = main.querySelector<HTMLElement>('#verify-result')!;
  const keyText = main.querySelector<HTMLInputElement>('#ledger-key')!.value.trim();
  if (!file) return void (out.innerHTML = '<p class="error">Choose a file first.</p>');
  const key = pinLedgerKey(keyText);
  if (!key) return void (out.innerHTML = NOT_A_KEY);
  let input: unknown;
  try {
    input = JSON.parse(await file.text());
  } catch (error) {
    return void (out.innerHTML = `<p class="error">${escape(file.name)} is not JSON: ${escape((error as Error).message)}</p>`);
  }
  const t0 = performance.now();
  const html = await courtFile(input, key, keyText);
  const ms = Math.round(performance.now() - t0);
  // The court file's own body, shown in place (it is built by escaping every value it prints).
  const body = new DOMParser().parseFromString(html, 'text/html').querySelector('main')!;
  body.querySelector('footer')?.remove();
  out.innerHTML = `${body.innerHTML}<p class="small">Read, verified and judged again in this browser in ${ms} ms.</p>`;
}

/** Verified with the browser's WebCrypto (the signatures), then judged again and shown as its court file. */
async function courtFile(input: unknown, key: VerifierKey, ledgerKey: string): Promise<string> {
  const context = { ledgerKey, generatedAt: new Date().toISOString() };
  if ((input as { format?: unknown } | null)?.format === DOSSIER_FORMAT) {
    const report = await withWebCrypto((verify) => verifyDossier(input, key, verify));
    return dossierCourtFile(report, report.ok ? rejudgeDossier(input as Dossier) : undefined, context);
  }
  const report = await withWebCrypto((verify) => verifyBundle(input, key, verify));
  const bundle = input as CaseBundle;
  return caseCourtFile(report, report.ok && bundle.judgement ? rejudgeBundle(bundle) : undefined, context);
}
