import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAll, startLedger, type Harness } from '../support/harness.js';
import { fullUsNotice, rightsHolder, uploader, usHost } from '../support/parties.js';

/**
 * Lists across the ledger over HTTP. Four US cases at a New York host, by hand:
 *   c-1 Mon 2 Mar 14:00Z notice naming user-42, measure and forward at 15:00: takedown met, measure in force
 *   c-2 Mon 2 Mar 14:00Z notice, nothing else: takedown due Wed 4 Mar end of day EST (5 Mar 04:59:59.999Z), missed by 10 Mar
 *   c-3 Mon 2 Mar 14:00Z notice, withdrawn at once: takedown not applicable, withdrawn
 *   c-4 Tue 10 Mar 14:00Z notice: takedown due Thu 12 Mar end of day EDT (13 Mar 03:59:59.999Z), pending
 * The lists are asked on 10 Mar at 14:00Z.
 */
describe('lists: cases, parties, notifiers by misuse, repeat infringers by status', () => {
  let ledger: Harness;
  const holder = rightsHolder();
  const host = usHost();
  const user = uploader();
  const t0 = '2026-03-02T14:00:00.000Z';
  const ids = async (query: string) => {
    const res = await ledger.http.get(`/v1/cases?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.items as { id: string }[]).map((c) => c.id);
  };
  const refused = async (path: string, field: string) => {
    const res = await ledger.http.get(path);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'schema', field });
  };

  beforeAll(async () => {
    ledger = await startLedger({ env: { HARBOR_TEST_CLOCK_START: t0 } });
    await recordAll(ledger, [holder.register(t0), host.register(t0), user.register(t0)]);
    await recordAll(ledger, [holder.caseAct('notice.submitted', 'c-1', fullUsNotice(host.id, user.id), t0), holder.caseAct('notice.submitted', 'c-2', fullUsNotice(host.id), t0), holder.caseAct('notice.submitted', 'c-3', fullUsNotice(host.id), t0)]);
    await recordAll(ledger, [holder.caseAct('notice.withdrawn', 'c-3', { reason: 'settled' }, t0)]);
    await ledger.setClock('2026-03-02T15:00:00.000Z');
    await recordAll(ledger, [
      host.caseAct('measure.taken', 'c-1', { measure: 'disabled', items: ['https://tube.example/v/abc123'], basis: 'notice' }, '2026-03-02T15:00:00.000Z'),
      host.caseAct('notice.forwarded', 'c-1', { user: user.id }, '2026-03-02T15:00:00.000Z'),
    ]);
    await ledger.setClock('2026-03-10T14:00:00.000Z');
    await recordAll(ledger, [holder.caseAct('notice.submitted', 'c-4', fullUsNotice(host.id), '2026-03-10T14:00:00.000Z')]);
  });
  afterAll(() => ledger.close());

  it('lists a provider’s cases oldest first, with the time and log position the answer reflects', async () => {
    const res = await ledger.http.get(`/v1/cases?provider=${host.id}`);
    expect(res.body).toMatchObject({ total: 4, next: null, asOf: '2026-03-10T14:00:00.000Z', position: await ledger.size() });
    expect(res.body.items.map((c: { id: string }) => c.id)).toEqual(['c-1', 'c-2', 'c-3', 'c-4']);
    expect(res.body.items[0]).toEqual({ id: 'c-1', provider: host.id, notifier: holder.id, user: user.id, pack: 'us-dmca', phase: 'measure_in_force', openedAt: t0, lastAt: '2026-03-02T15:00:00.000Z', revisions: 3 });
  });

  it('filters by state, user and obligation status (missed, met, not applicable, and pending due before a time)', async () => {
    expect(await ids('state=withdrawn')).toEqual(['c-3']);
    expect(await ids('state=open')).toEqual(['c-2', 'c-4']);
    expect(await ids(`user=${user.id}`)).toEqual(['c-1']);
    expect(await ids('obligation=missed')).toEqual(['c-2']);
    expect(await ids('obligation=met')).toEqual(['c-1']);
    expect(await ids('obligation=not_applicable')).toEqual(['c-3']);
    expect(await ids('obligation=pending&dueBefore=2026-03-14T00:00:00Z')).toEqual(['c-4']);
    expect(await ids('obligation=pending&dueBefore=2026-03-13T03:59:59.999Z')).toEqual([]);
    expect(await ids('openedFrom=2026-03-03T00:00:00Z')).toEqual(['c-4']);
    expect(await ids('openedTo=2026-03-03T00:00:00Z&state=open')).toEqual(['c-2']);
  });

  it('pages with a stable cursor until next is null', async () => {
    const first = (await ledger.http.get(`/v1/cases?provider=${host.id}&limit=3`)).body;
    expect(first.items.map((c: { id: string }) => c.id)).toEqual(['c-1', 'c-2', 'c-3']);
    expect(first.total).toBe(4);
    const second = (await ledger.http.get(`/v1/cases?provider=${host.id}&limit=3&cursor=${first.next}`)).body;
    expect(second).toMatchObject({ total: 4, next: null });
    expect(second.items.map((c: { id: string }) => c.id)).toEqual(['c-4']);
  });

  it('refuses bad parameters with 400 naming the parameter', async () => {
    await refused('/v1/cases?state=closed', 'state');
    await refused('/v1/cases?obligation=overdue', 'obligation');
    await refused('/v1/cases?cursor=not-a-cursor', 'cursor');
    await refused('/v1/cases?provder=x', 'provder');
    await refused(`/v1/cases?provider=${host.id}&provider=other`, 'provider');
    await refused('/v1/cases?dueBefore=2026-03-14T00:00:00Z', 'dueBefore');
    await refused('/v1/cases?openedFrom=yesterday', 'openedFrom');
    await refused('/v1/cases?limit=0', 'limit');
    await refused('/v1/parties?role=judge', 'role');
    await refused('/v1/notifiers', 'misuse');
    await refused('/v1/repeat-infringers?status=bad', 'status');
  });

  it('lists parties by role', async () => {
    const providers = (await ledger.http.get('/v1/parties?role=provider')).body;
    expect(providers).toMatchObject({ total: 1, next: null });
    expect(providers.items).toEqual([{ id: host.id, name: 'Tube Hosting Inc.', roles: ['provider'], registeredAt: t0 }]);
    expect((await ledger.http.get('/v1/parties')).body.items.map((p: { id: string }) => p.id)).toEqual([holder.id, host.id, user.id]);
  });

  it('lists notifiers by misuse standing and users by repeat-infringer status', async () => {
    const none = (await ledger.http.get('/v1/notifiers?misuse=none')).body;
    expect(none.items).toHaveLength(1);
    expect(none.items[0]).toMatchObject({ notifier: holder.id, misuse: [{ provider: host.id, status: 'none', unfoundedInWindow: 0 }] });
    expect((await ledger.http.get('/v1/notifiers?misuse=warning_due')).body).toMatchObject({ items: [], total: 0 });
    const below = (await ledger.http.get('/v1/repeat-infringers?status=below_threshold')).body;
    expect(below.items).toHaveLength(1);
    expect(below.items[0]).toMatchObject({ provider: host.id, pack: 'us-dmca@2026.2', user: user.id, activeStrikes: 1, status: 'below_threshold' });
    expect((await ledger.http.get(`/v1/repeat-infringers?status=action_due&provider=${host.id}`)).body.total).toBe(0);
  });

  it('runs the reads on a worker thread and says how far the projections have come', async () => {
    const health = (await ledger.http.get('/health')).body;
    expect(health.projections).toEqual({ position: health.size, behind: 0, reads: 'worker thread' });
  });

  it('says which log position a report reflects', async () => {
    const res = await ledger.http.get(`/v1/providers/${host.id}/compliance`);
    expect(res.headers['harbor-log-position']).toBe(String(await ledger.size()));
  });
});
