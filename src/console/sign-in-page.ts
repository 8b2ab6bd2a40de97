import { escape } from '../verdict/case-html.js';
import { currentSession, signIn, signOut } from './session.js';

/** `/sign-in`: load a key file in the browser (it is never sent); the console then signs its requests as that party. */
export function signInPage(main: HTMLElement): void {
  document.title = 'Sign in: Safe Harbor Ledger';
  const session = currentSession();
  main.innerHTML = `<h1>Sign in</h1>
${session ? `<p>Signed in as <strong>${escape(session.partyId)}</strong>. <button id="sign-out" type="button">Sign out</button></p>` : ''}
<p>Your key file is read here, in this browser, and kept for this tab only: it is never sent. The console signs each request with it (RFC 9421), so the ledger shows you what your party may read, and logs every release of personal data.</p>
<form id="sign-in">
  <p><label for="party">Party id</label><br><input id="party" autocomplete="username" required></p>
  <p><label for="key-file">Key file</label><br><input id="key-file" type="file" accept="application/json,.json" required></p>
  <button type="submit">Sign in</button>
</form>
<div id="sign-in-result" role="status" aria-live="polite"></div>`;
  main.querySelector('#sign-out')?.addEventListener('click', () => {
    signOut();
    location.assign('/sign-in');
  });
  main.querySelector('#sign-in')!.addEventListener('submit', async (e) => {
    e.preventDefault();
    const out = main.querySelector<HTMLElement>('#sign-in-result')!;
    const file = main.querySelector<HTMLInputElement>('#key-file')!.files?.[0];
    try {
      if (!file) throw new Error('choose your key file');
      const signed = signIn(main.querySelector<HTMLInputElement>('#party')!.value.trim(), await file.text());
      out.innerHTML = `<p>Signed in as <strong>${escape(signed.partyId)}</strong>.</p>`;
      const back = new URLSearchParams(location.search).get('back');
      if (back?.startsWith('/')) location.assign(back);
    } catch (error) {
      out.innerHTML = `<p class="error">${escape((error as Error).message)}</p>`;
    }
  });
}
