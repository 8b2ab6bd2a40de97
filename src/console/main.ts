import { escape } from '../verdict/case-html.js';
import { casePage } from './case-page.js';
import { logPage } from './log-page.js';
import { providerPage } from './provider-page.js';
import { searchPage } from './search-page.js';
import { currentSession } from './session.js';
import { signInPage } from './sign-in-page.js';
import { verifyPage } from './verify-page.js';

/** Addresses people share: `/`, `/cases/<id>`, `/providers/<id>`, `/search`, `/verify`. */
async function route(): Promise<void> {
  const main = document.querySelector<HTMLElement>('#main')!;
  showWho();
  const path = location.pathname;
  const params = new URLSearchParams(location.search);
  try {
    const caseId = /^\/cases\/([^/]+)$/.exec(path)?.[1];
    if (caseId) return await casePage(main, decodeURIComponent(caseId), params.get('asOf'));
    if (path === '/') return await logPage(main, params.get('before'));
    if (path === '/verify') return verifyPage(main);
    if (path === '/sign-in') return signInPage(main);
    if (path === '/search') return await searchPage(main, params);
    const providerId = /^\/providers\/([^/]+)$/.exec(path)?.[1];
    if (providerId) return await providerPage(main, decodeURIComponent(providerId));
    main.innerHTML = `<h1>No such page</h1><p>${escape(path)} is not a page of this console: try the log (<code>/</code>), a case (<code>/cases/&lt;id&gt;</code>), a provider (<code>/providers/&lt;id&gt;</code>), <code>/search</code> or <code>/verify</code>.</p>`;
  } catch (error) {
    main.innerHTML = `<h1>Cannot show this page</h1><p class="error">${escape((error as Error).message)}</p>`;
  }
}

/** Who the console signs as, in the bar: a party id, or a link to sign in. */
function showWho(): void {
  const nav = document.querySelector('.bar nav')!;
  const session = currentSession();
  const who = document.createElement('a');
  who.className = 'who';
  who.href = `/sign-in?back=${encodeURIComponent(location.pathname + location.search)}`;
  who.textContent = session ? `Signed in as ${session.partyId}` : 'Sign in';
  nav.append(who);
}

void route();
