import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseBundle } from '../../src/audit/bundle.js';
import { parseVerifierKey } from '../../src/audit/checkpoint.js';
import { verifyStrictNode } from '../../src/backends/node-crypto.js';
import { verifyBundle } from '../../src/audit/verify-bundle.js';
import { commitPersonalData } from '../../src/client/sign-act.js';
import { signatureHeaders } from '../../src/client/sign-request.js';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { accredit, PUBLIC_URL, recordAll, startLedger, type Harness } from '../support/harness.js';
import { court, fullUsNotice, TestParty, trustAnchor } from '../support/parties.js';

/** Clear values recorded below: no response to a party not entitled may contain any of them. */
const HOLDER_CONTACT = 'legal@acme.example';
const USER_CONTACT = 'jane@uploader.example';
const IDENTITY = 'Jane Q. Uploader, 12 Harbour Lane, Springfield';

type Role = 'anonymous' | 'provider' | 'notifier' | 'user' | 'other' | 'authority' | 'operator';
const ROLES: Role[] = ['anonymous', 'provider', 'notifier', 'user', 'other', 'authority', 'operator'];

const operator = new TestParty('ops-desk', { name: 'Ledger operations', roles: ['user'] });
const other = new TestParty('other-label', { name: 'Other Label Ltd', roles: ['rights_holder'] });
const authority = court('court-1');
const OPERATORS = { HARBOR_OPERATORS: `${operator.id}=${operator.publicKey}` };

/** Every read route, with the case, party and provider of the recorded case filled in. */
function readRoutes(r: RecordedCase) {
  return {
    verification: ['/health', '/health/live', '/health/ready', '/metrics', '/v1/log/key', '/v1/log/checkpoint', '/v1/log/checkpoints', '/v1/log/proof/inclusion?seq=0&size=2', '/v1/log/proof/consistency?from=1&to=2', '/checkpoint', '/tile/0/000.p/1'],
    log: ['/v1/log/entries?from=0&limit=5', '/tile/entries/000.p/1'],
    cases: [`/v1/cases/${r.caseId}`, `/v1/cases/${r.caseId}/bundle`, `/v1/cases?provider=${r.host.id}`, `/v1/exports/lumen?provider=${r.host.id}`, `/v1/exports/csv?table=obligations&provider=${r.host.id}`],
    parties: [`/v1/parties/${r.holder.id}`, '/v1/parties?role=provider'],
    reports: [`/v1/providers/${r.host.id}/compliance`, `/v1/providers/${r.host.id}/repeat-infringers`, `/v1/notifiers/${r.holder.id}/conduct`, '/v1/notifiers?misuse=warning_due', '/v1/repeat-infringers?status=action_due'],
  };
}

async function recordEverything(ledger: Harness): Promise<{ recorded: RecordedCase; grantCase: string }> {
  await recordAll(ledger, [trustAnchor.register(), authority.register(), operator.register(), other.register()]);
  await accredit(ledger, authority, 'authority');
  const recorded = await recordDmcaCase(ledger);
  // A second case whose provider discloses the user's identity to the notifier who asked for it.
  const grantCase = 'c-grant-1';
  const { holder, host, user } = recorded;
  await recordAll(ledger, [holder.caseAct('notice.submitted', grantCase, fullUsNotice(host.id, user.id)), holder.caseAct('disclosure.requested', grantCase, { route: 'us_512h_subpoena', about: user.id })]);
  const granted = commitPersonalData({}, { 'data.disclosed': IDENTITY });
  const res = await ledger.post({ act: host.caseAct('disclosure.granted', grantCase, granted.data), disclosures: granted.disclosures });
  expect(res.status).toBe(201);
  // A checkpoint of everything: the tiles it covers exist.
  expect((await ledger.getAs(authority, `/v1/cases/${grantCase}/bundle`)).status).toBe(200);
  return { recorded, grantCase };
}

function partyOf(role: Role, r: RecordedCase): TestParty | undefined {
  return { anonymous: undefined, provider: r.host, notifier: r.holder, user: r.user, other, authority, operator }[role];
}

async function get(ledger: Harness, role: Role, r: RecordedCase, path: string) {
  const party = partyOf(role, r);
  const res = await (party ? ledger.getAs(party, path) : ledger.http.get(path));
  // Tiles are octets: scanned as text like every other answer.
  return res.text === undefined && Buffer.isBuffer(res.body) ? Object.assign(res, { text: res.body.toString('latin1') }) : res;
}

/** The clear values a role may read (README "Who may read what"). */
function entitled(role: Role): string[] {
  return { anonymous: [], provider: [IDENTITY], notifier: [HOLDER_CONTACT, IDENTITY], user: [USER_CONTACT, IDENTITY], other: [], authority: [HOLDER_CONTACT, USER_CONTACT, IDENTITY], operator: [] }[role];
}

function expectNoPersonalDataBut(text: string, allowed: string[], where: string): void {
  for (const value of [HOLDER_CONTACT, USER_CONTACT, IDENTITY]) if (!allowed.includes(value)) expect(text.includes(value), `${where} leaks ${value}`).toBe(false);
}

describe('who may read what, public ledger (the default)', () => {
  let ledger: Harness;
  let recorded: RecordedCase;
  let grantCase: string;

  beforeAll(async () => {
    ledger = await startLedger({ env: OPERATORS });
    ({ recorded, grantCase } = await recordEverything(ledger));
  }, 60_000);
  afterAll(() => ledger.close());

  it('answers every read route to every role, personal data in none of them', async () => {
    const routes = Object.values(readRoutes(recorded)).flat();
    expect(routes.length).toBe(25);
    for (const role of ROLES) {
      for (const path of routes) {
        const res = await get(ledger, role, recorded, path);
        expect(res.status, `${role} ${path}`).toBe(200);
        expectNoPersonalDataBut(res.text, [], `${role} ${path}`);
      }
    }
  });

  it('releases clear personal data only to those entitled: committer, subject, authority, requester of a granted disclosure', async () => {
    const expected: Record<Role, [number, number]> = { anonymous: [401, 401], provider: [403, 200], notifier: [200, 200], user: [200, 200], other: [403, 403], authority: [200, 200], operator: [403, 403] };
    for (const role of ROLES) {
      const dmca = await get(ledger, role, recorded, `/v1/cases/${recorded.caseId}/bundle?disclose=true`);
      const grant = await get(ledger, role, recorded, `/v1/cases/${grantCase}/bundle?disclose=true`);
      expect([dmca.status, grant.status], role).toEqual(expected[role]);
      for (const res of [dmca, grant]) expectNoPersonalDataBut(res.text, entitled(role), `${role} disclose`);
      if (dmca.status !== 200) expect(dmca.body.error.code).toBe(role === 'anonymous' ? 'unauthenticated' : 'not_allowed');
      if (dmca.status === 403) expect(dmca.body.error.rule).toBe('ClearPersonalData');
    }
    const asNotifier = (await ledger.getAs(recorded.holder, `/v1/cases/${recorded.caseId}/bundle?disclose=true`)).body as CaseBundle;
    expect(asNotifier.disclosed.map((d) => d.value)).toEqual([HOLDER_CONTACT]);
    const asAuthority = (await ledger.getAs(authority, `/v1/cases/${recorded.caseId}/bundle?disclose=true`)).body as CaseBundle;
    expect(asAuthority.disclosed.map((d) => d.value).sort()).toEqual([USER_CONTACT, HOLDER_CONTACT]);
  });

  it('records every release and shows authorities all of them, a person only the releases of their own data', async () => {
    await ledger.getAs(recorded.holder, `/v1/cases/${grantCase}/bundle?disclose=true`);
    const all = (await ledger.getAs(authority, '/v1/access-log?limit=1000')).body.items as { reader: string; path: string; subject: string; rule: string; case: string }[];
    expect(all).toContainEqual(expect.objectContaining({ reader: recorded.holder.id, case: grantCase, path: 'data.disclosed', subject: recorded.user.id, rule: 'ClearValueToRequester' }));
    expect(all).toContainEqual(expect.objectContaining({ reader: authority.id, case: recorded.caseId, path: 'data.contact', subject: recorded.user.id, rule: 'ClearValueToAuthority' }));
    const own = (await ledger.getAs(recorded.user, '/v1/access-log?limit=1000')).body.items as { subject: string }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.subject === recorded.user.id)).toBe(true);
    expect(own.length).toBeLessThan(all.length);
    expect((await ledger.http.get('/v1/access-log')).status).toBe(401);
    const elsewhere = await ledger.getAs(recorded.holder, `/v1/access-log?subject=${recorded.user.id}`);
    expect([elsewhere.status, elsewhere.body.error.rule]).toEqual([403, 'AccessLogToAuthoritiesAndSubjects']);
  });

  describe('signed requests', () => {
    const path = () => `/v1/cases/${recorded.caseId}/bundle?disclose=true`;
    const sign = (party: TestParty, url: string, options: { created?: Date; nonce?: string; keyid?: string } = {}) =>
      signatureHeaders({ method: 'GET', url }, { partyId: options.keyid ?? party.id, secretKey: party.keys.secretKey }, options);
    const refused = async (headers: Record<string, string>, target = path()) => {
      const res = await ledger.http.get(target).set(headers);
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'unauthenticated', field: 'signature' });
      expectNoPersonalDataBut(res.text, [], 'refusal');
      return res.body.error.message as string;
    };

    it('accepts the holder’s own signature', async () => {
      expect((await ledger.http.get(path()).set(await sign(recorded.holder, `${PUBLIC_URL}${path()}`))).status).toBe(200);
    });

    it('refuses a bad signature', async () => {
      const headers = await sign(recorded.holder, `${PUBLIC_URL}${path()}`);
      const bytes = Buffer.from(headers.signature.split(':')[1], 'base64');
      bytes[0] ^= 1;
      expect(await refused({ ...headers, signature: `sig=:${bytes.toString('base64')}:` })).toMatch(/does not verify/);
    });

    it("refuses another party's key under the holder's keyid", async () => {
      expect(await refused(await sign(other, `${PUBLIC_URL}${path()}`, { keyid: recorded.holder.id }))).toMatch(/does not verify/);
    });

    it('refuses an expired signature and one from the future', async () => {
      expect(await refused(await sign(recorded.holder, `${PUBLIC_URL}${path()}`, { created: new Date(Date.now() - 301_000) }))).toMatch(/expired/);
      expect(await refused(await sign(recorded.holder, `${PUBLIC_URL}${path()}`, { created: new Date(Date.now() + 120_000) }))).toMatch(/ahead/);
    });

    it('refuses a replayed signature', async () => {
      const headers = await sign(recorded.holder, `${PUBLIC_URL}${path()}`);
      expect((await ledger.http.get(path()).set(headers)).status).toBe(200);
      expect(await refused(headers)).toMatch(/replayed/);
    });

    it('refuses a signature over another path', async () => {
      expect(await refused(await sign(recorded.holder, `${PUBLIC_URL}/v1/cases/${grantCase}/bundle?disclose=true`))).toMatch(/does not verify/);
    });

    it('refuses an unknown keyid, a half-signed request and a signature without nonce', async () => {
      expect(await refused(await sign(recorded.holder, `${PUBLIC_URL}${path()}`, { keyid: 'nobody' }))).toMatch(/not a registered party/);
      const headers = await sign(recorded.holder, `${PUBLIC_URL}${path()}`);
      expect(await refused({ 'signature-input': headers['signature-input'] })).toMatch(/both/);
      expect(await refused({ ...headers, 'signature-input': headers['signature-input'].replace(/;nonce="[^"]*"/, '') })).toMatch(/nonce/);
    });
  });

  it('erases a clear value at the request of its subject, leaving no trace of it in any file, the bundle still verifying', async () => {
    const { user, holder, caseId } = recorded;
    const bundleBefore = (await ledger.getAs(authority, `/v1/cases/${caseId}/bundle?disclose=true`)).body as CaseBundle;
    const counter = bundleBefore.disclosed.find((d) => d.path === 'data.contact')!;
    expect(counter.value).toBe(USER_CONTACT);
    const byOther = await ledger.post(other.act('personal_data.erased', { seq: counter.seq, path: 'data.contact', reason: 'not mine to ask' }));
    expect([byOther.status, byOther.body.error.rule]).toEqual([403, 'ErasureBySubjectAuthorityOrOperator']);
    const byHolder = await ledger.post(holder.act('personal_data.erased', { seq: counter.seq, path: 'data.contact', reason: 'not mine either' }));
    expect(byHolder.status).toBe(403);
    const erased = await ledger.post(user.act('personal_data.erased', { seq: counter.seq, path: 'data.contact', reason: 'GDPR Art 17 request' }));
    expect(erased.status).toBe(201);
    const again = await ledger.post(user.act('personal_data.erased', { seq: counter.seq, path: 'data.contact', reason: 'again' }));
    expect([again.status, again.body.error.code]).toEqual([404, 'not_found']);

    const after = (await ledger.getAs(authority, `/v1/cases/${caseId}/bundle?disclose=true`)).body as CaseBundle;
    expect(after.disclosed.map((d) => d.value)).toEqual([HOLDER_CONTACT]);
    const vkey = parseVerifierKey((await ledger.http.get('/v1/log/key')).body.vkey)!;
    expect(verifyBundle(after, vkey, verifyStrictNode).ok).toBe(true);
    for (const file of readdirSync(ledger.dataDir)) {
      const bytes = readFileSync(join(ledger.dataDir, file));
      expect(bytes.includes(Buffer.from(USER_CONTACT)), `${file} still holds the erased value`).toBe(false);
    }
    // The control: the value not erased is still in the files (the scan can find what is there).
    expect(readdirSync(ledger.dataDir).some((file) => readFileSync(join(ledger.dataDir, file)).includes(Buffer.from(HOLDER_CONTACT)))).toBe(true);
  });

  it('erases on behalf of a data subject when the operator asks, and for an authority', async () => {
    const bundle = (await ledger.getAs(authority, `/v1/cases/${grantCase}/bundle?disclose=true`)).body as CaseBundle;
    const identity = bundle.disclosed.find((d) => d.path === 'data.disclosed')!;
    expect((await ledger.post(operator.act('personal_data.erased', { seq: identity.seq, path: 'data.disclosed', reason: 'on behalf of user-42' }))).status).toBe(201);
    const contact = (await ledger.getAs(authority, `/v1/cases/${recorded.caseId}/bundle?disclose=true`)).body.disclosed[0];
    expect((await ledger.post(authority.act('personal_data.erased', { seq: contact.seq, path: 'data.claimant.contact', reason: 'court order' }))).status).toBe(201);
    const none = await ledger.getAs(authority, `/v1/cases/${recorded.caseId}/bundle?disclose=true`);
    expect([none.status, none.body.disclosed]).toEqual([200, []]);
  });
});

describe('who may read what, private ledger (HARBOR_READS=private)', () => {
  let ledger: Harness;
  let recorded: RecordedCase;

  beforeAll(async () => {
    ledger = await startLedger({ env: { ...OPERATORS, HARBOR_READS: 'private' } });
    ({ recorded } = await recordEverything(ledger));
  }, 60_000);
  afterAll(() => ledger.close());

  it('keeps verification public and answers the log, cases, parties and reports to registered parties only', async () => {
    const routes = readRoutes(recorded);
    for (const role of ROLES) {
      for (const [resource, paths] of Object.entries(routes)) {
        for (const path of paths) {
          const res = await get(ledger, role, recorded, path);
          const expected = resource === 'verification' || role !== 'anonymous' ? 200 : 401;
          expect(res.status, `${role} ${path}`).toBe(expected);
          if (expected === 401) expect(res.body.error).toMatchObject({ code: 'unauthenticated', rule: 'PrivateReadsToParties' });
          expectNoPersonalDataBut(res.text, [], `${role} ${path}`);
        }
      }
    }
  });
});

describe('abuse limits', () => {
  it('limits reads per address, and a signed party apart from its address', async () => {
    const ledger = await startLedger({ env: { HARBOR_RATE_READS: '3' } });
    try {
      const party = new TestParty('reader-1', { name: 'Reader', roles: ['rights_holder'] });
      await recordAll(ledger, [party.register()]);
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await ledger.http.get('/v1/log/key')).status);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const limited = await ledger.http.get('/v1/log/key');
      expect(limited.body.error).toMatchObject({ code: 'rate_limited' });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect((await ledger.getAs(party, '/v1/log/key')).status).toBe(200);
    } finally {
      await ledger.close();
    }
  });

  it('answers browsers only from the configured origins (none by default)', async () => {
    const preflight = (ledger: Harness, origin: string) =>
      ledger.http.options('/v1/cases').set({ origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'signature,signature-input' });
    const closed = await startLedger();
    try {
      expect((await preflight(closed, 'https://console.example.org')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await closed.close();
    }
    const open = await startLedger({ env: { HARBOR_CORS_ORIGINS: 'https://console.example.org' } });
    try {
      const allowed = await preflight(open, 'https://console.example.org');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.org');
      expect(allowed.headers['access-control-allow-headers']).toMatch(/signature-input/);
      expect((await preflight(open, 'https://elsewhere.example')).headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});
