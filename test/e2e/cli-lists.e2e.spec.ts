import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAll, startLedger, type Harness } from '../support/harness.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';
import { makeTempDir } from '../support/temp-dir.js';
import { harbor } from '../support/cli.js';

describe('harbor cases and harbor projections rebuild', () => {
  const dir = makeTempDir();
  let ledger: Harness;
  let url: string;
  const holder = rightsHolder();
  const host = usHost();
  const user = uploader();
  const t0 = '2026-03-02T14:00:00.000Z';
  const env = { HARBOR_TEST_CLOCK_START: t0 };

  beforeAll(async () => {
    ledger = await startLedger({ dataDir: dir.path, env });
    await recordAll(ledger, [holder.register(t0), host.register(t0), user.register(t0)]);
    await recordAll(ledger, [holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id, user.id), t0), holder.caseAct('notice.submitted', 'c-2', fullUsNotice(host.id), t0)]);
    await recordAll(ledger, [holder.caseAct('notice.withdrawn', 'c-2', { reason: 'settled' }, t0)]);
    await ledger.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await ledger.close();
    dir.remove();
  });

  it('checks every filter before asking the ledger, naming what it takes', async () => {
    const unreachable = 'http://127.0.0.1:9'; // nothing listens: a check that sent anything would say so
    expect((await harbor(['cases', '--url', unreachable, '--obligation', 'mised'])).err).toBe('harbor: --obligation must be one of pending, met, late, missed, early, not_applicable; got mised');
    expect((await harbor(['cases', '--url', unreachable, '--state', 'closed'])).err).toMatch(/^harbor: --state must be one of open, measure_in_force, /);
    expect((await harbor(['cases', '--url', unreachable, '--opened-from', '2026-13-01'])).err).toMatch(/--opened-from must be an RFC 3339 time/);
    expect((await harbor(['cases', '--url', unreachable, '--due-before', '2026-03-02T00:00:00Z'])).err).toMatch(/--due-before goes with --obligation/);
    expect((await harbor(['report', 'provider', 'p', '--url', unreachable, '--pack', 'us'])).err).toBe('harbor: --pack must be one of us-dmca, eu-dsa, cn-civil, cn-ecom, cn-rndi, jp-plla, jp-idpa; got us');
    expect((await harbor(['fetch', 'dossier', 'p', '--url', unreachable, '--from', 'monday', '-o', '/dev/null'])).err).toMatch(/^harbor: --from must be an RFC 3339 time/);
    const tooMany = await harbor(['cases', '--url', unreachable, '--limit', '5000']);
    expect([tooMany.code, tooMany.err]).toEqual([2, 'harbor: --limit must be an integer from 1 to 1000; got 5000']);
  });

  it('prints a page of cases as a table, and how to ask for the next', async () => {
    const first = await harbor(['cases', '--url', url, '--provider', host.id, '--limit', '1']);
    expect(first.code).toBe(0);
    const lines = first.out.split('\n');
    expect(lines[0]).toMatch(/^case\s+provider\s+notifier\s+user\s+pack\s+state\s+opened\s+last act$/);
    expect(lines[1]).toMatch(/^c-1\s+tube-us\s+acme-records\s+user-42\s+us-dmca\s+open\s+2026-03-02 14:00\s+2026-03-02 14:00$/);
    const cursor = /next page: --cursor (\S+)$/.exec(first.out)?.[1];
    expect(first.out).toContain('1 of 2 case(s) as of 2026-03-02T14:00:00.000Z (log position 6; times UTC)');
    expect(cursor).toBeDefined();
    const second = await harbor(['cases', '--url', url, '--provider', host.id, '--limit', '1', '--cursor', cursor!]);
    expect(second.out.split('\n')[1]).toMatch(/^c-2\s+tube-us\s+acme-records\s+-\s+us-dmca\s+withdrawn\s/);
    expect(second.out).not.toContain('next page');
  });

  it('says what to fix when the ledger refuses a filter (exit 2)', async () => {
    const res = await harbor(['cases', '--url', url, '--state', 'closed']);
    expect(res.code).toBe(2);
    expect(res.err).toContain('state must be one of open, measure_in_force, disputed, restored, in_litigation, withdrawn');
  });

  it('rebuilds the projections of a stopped ledger, which then answers as before', async () => {
    const before = (await ledger.http.get(`/v1/cases?provider=${host.id}`)).body;
    await ledger.app.close();
    const rebuilt = await harbor(['projections', 'rebuild', '--data-dir', dir.path, '--no-progress']);
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.out).toMatch(new RegExp(`^${join(dir.path, 'projections.db').replaceAll('/', '\\/')}: rebuilt from 6 entries of sqlite:.+ in \\d+\\.\\d\\d s \\(\\d+ entries/s\\)$`));
    ledger = await startLedger({ dataDir: dir.path, env });
    expect((await ledger.http.get(`/v1/cases?provider=${host.id}`)).body).toEqual(before);
  });
});
