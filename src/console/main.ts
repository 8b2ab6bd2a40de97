import { escape } from '../verdict/case-html.js';
import { casePage } from './case-page.js';
import { logPage } from './log-page.js';
import { verifyPage } from './verify-page.js';

/** Addresses people share: `/`, `/cases/<id>`; the rest of the console is announced, not faked. */
async function route(): Promise<void> {
  const main = document.querySelector<HTMLElement>('#main')!;
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  try {
    const caseId = /^\/cases\/([^/]+)$/.exec(path)?.[1];
    if (caseId) return await casePage(main, decodeURIComponent(caseId), params.get('asOf'));
    if (path === '/') return await logPage(main);
    if (path === '/verify') return verifyPage(main);
    main.innerHTML = `<h1>Not here yet</h1><p>${escape(path)} is not a page of this console yet. The case pages (<code>/cases/&lt;id&gt;</code>), the log (<code>/</code>) and <code>/verify</code> are.</p>`;
  } catch (error) {
    main.innerHTML = `<h1>Cannot show this page</h1><p class="bad">${escape((error as Error).message)}</p>`;
  }
}

void route();
