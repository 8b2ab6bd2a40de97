import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { parseVerifierKey } from '../audit/checkpoint.js';
import { encodeBase64 } from '../audit/encoding.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { verifyBundle } from '../audit/verify-bundle.js';
import { newKeyPair } from '../audit/ed25519-nacl.js';
import { createHarborApp } from '../bootstrap.js';
import { commitPersonalData, signAct } from '../client/sign-act.js';
import { loadConfig } from '../config.js';
import type { ActType } from '../domain/acts/envelope.js';
import { describeAct } from './describe-act.js';

/**
 * `npm run demo`: a DMCA case end to end against a ledger started on a temporary SQLite store with the
 * test clock, over HTTP, as the parties' own clients would do it; then the timeline as a person reads it.
 */
const DAY = 86_400_000;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'harbor-demo-'));
  const config = loadConfig({ HARBOR_DATA_DIR: dataDir, HARBOR_TEST_CLOCK: '1', PORT: '0' });
  const { app } = await createHarborApp(config, pino({ level: 'silent' }));
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  let now = Date.now();
  const api = async <T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(base + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as T;
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const advance = async (days: number, hour = 10) => {
    const next = new Date(now + days * DAY);
    next.setUTCHours(hour + 5, 0, 0, 0); // hour in New York (EST)
    now = next.getTime();
    await api('POST', '/v1/test-clock', { now: next.toISOString() });
  };

  const parties = {
    holder: { id: 'acme-records', keys: newKeyPair(), data: { name: 'Acme Records LLC', roles: ['rights_holder'] } },
    host: { id: 'tube-us', keys: newKeyPair(), data: { name: 'Tube Hosting Inc.', roles: ['provider'], providerKind: 'hosting', packs: ['us-dmca'], timeZone: 'America/New_York' } },
    user: { id: 'jane-uploader', keys: newKeyPair(), data: { name: 'Jane Uploader', roles: ['user'] } },
  };
  type Who = keyof typeof parties;
  const record = async (who: Who, type: ActType, data: Record<string, unknown> = {}, caseId?: string, personal: Record<string, string> = {}) => {
    const party = parties[who];
    const committed = commitPersonalData(data, personal);
    const act = signAct({ type, actor: party.id, case: caseId, data: committed.data, at: new Date(now).toISOString() }, party.keys.secretKey);
    return api('POST', '/v1/acts', committed.disclosures.length ? { act, disclosures: committed.disclosures } : act);
  };

  try {
    await advance(1, 9);
    for (const who of Object.keys(parties) as Who[]) {
      const party = parties[who];
      await record(who, 'party.registered', { ...party.data, publicKey: encodeBase64(party.keys.publicKey) });
    }
    await record('host', 'provider.agent_designated', { registry: 'DMCA-1055234', designatedOn: new Date(now - 400 * DAY).toISOString().slice(0, 10), validUntil: new Date(now + 700 * DAY).toISOString().slice(0, 10) });

    const caseId = `c-${new Date(now).getUTCFullYear()}-000123`;
    const item = 'https://tube.example/watch?v=h4rb0rL1ghts';
    await record('holder', 'notice.submitted', {
      provider: 'tube-us',
      pack: 'us-dmca',
      works: ['"Harbor Lights", sound recording, Acme Records 2025'],
      items: [{ locator: item, description: 'full-length upload of the recording' }],
      claimant: { name: 'Acme Records LLC' },
      explanation: 'The video is a complete copy of the recording, uploaded without a licence.',
      statements: { goodFaith: true, accuracy: true, authorized: true },
      user: 'jane-uploader',
    }, caseId, { 'data.claimant.contact': 'copyright@acme-records.example' });
    await advance(1, 9);
    await record('host', 'measure.taken', { measure: 'disabled', items: [item], basis: 'notice' }, caseId);
    await record('host', 'notice.forwarded', { user: 'jane-uploader' }, caseId);
    await advance(3, 14);
    await record('user', 'counter_notice.submitted', {
      statements: { goodFaithMistake: true, consentToJurisdiction: true, acceptService: true },
      explanation: 'The upload is my own cover performance, not the recording.',
    }, caseId, { 'data.contact': 'jane@uploader.example', 'data.address': '12 Harbor St, Springfield' });
    await advance(1, 11);
    await record('host', 'counter_notice.forwarded', {}, caseId);
    await advance(14, 10);
    await record('host', 'measure.lifted', { items: [item], reason: 'counter_notice' }, caseId);
    await advance(7, 10);

    const view = await api<View>('GET', `/v1/cases/${caseId}`);
    const log = await api<{ vkey: string }>('GET', '/v1/log/key');
    const provider = await api<{ timeZone?: string }>('GET', `/v1/parties/${view.parties.provider}`);
    printTimeline(view, log.vkey, provider.timeZone ?? 'UTC');
    // What a court would do: fetch the bundle and check it offline against the pinned key alone.
    const bundle = await api<unknown>('GET', `/v1/cases/${caseId}/bundle`);
    const report = verifyBundle(bundle, parseVerifierKey(log.vkey)!, verifyStrictNode);
    process.stdout.write(`  Case bundle verified offline against that key: ${report.ok ? 'VALID' : `INVALID ${JSON.stringify(report.failures)}`} (${report.summary?.entries} entries, checkpoint of ${report.summary?.treeSize} leaves)\n`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

interface View {
  id: string;
  pack?: string;
  assessment?: { status: string; missing: string[] };
  obligations?: { key: string; status: string; byLocalDate?: string; fromLocalDate?: string; metAt: string | null; basis: string; note: string }[];
  protection?: { status: string; reasons: { code: string; obligation?: string }[] };
  state: { pack: string; itemsUnderMeasure: string[] };
  parties: Record<string, string>;
  timeline: { seq: number; type: string; actor: string; recordedAt: string; leaf: string; data: Record<string, unknown> }[];
}

function printTimeline(view: View, vkey: string, timeZone: string): void {
  const local = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`Case ${view.id} under ${view.state.pack}`);
  out(`  rights holder ${view.parties.notifier}, provider ${view.parties.provider}, user ${view.parties.user}`);
  out();
  out(`  seq  recorded by the ledger (${timeZone})   actor           act`);
  for (const item of view.timeline) {
    const when = local.format(new Date(item.recordedAt));
    out(`  ${String(item.seq).padStart(3)}  ${when.padEnd(33)}  ${item.actor.padEnd(14)}  ${describeAct(item.type, item.data)}`);
    out(`       ${item.recordedAt}  leaf ${item.leaf.slice(0, 16)}…`);
  }
  out();
  out(`  Items still under a measure: ${view.state.itemsUnderMeasure.length ? view.state.itemsUnderMeasure.join(', ') : 'none (restored)'}`);
  if (view.obligations) {
    out();
    out(`  Judged under ${view.pack}: notice ${view.assessment?.status}${view.assessment?.missing.length ? ` (missing ${view.assessment.missing.join(', ')})` : ''}`);
    for (const o of view.obligations) {
      const window = o.fromLocalDate ? `${o.fromLocalDate} to ${o.byLocalDate}` : `by ${o.byLocalDate}`;
      out(`    ${o.key.padEnd(18)} ${o.status.padEnd(8)} ${window.padEnd(26)} ${o.basis === 'statutory' ? 'statutory' : 'default SLA'}${o.note ? ` — ${o.note}` : ''}`);
    }
    out(`  Safe-harbor protection of the item: ${view.protection?.status}${view.protection?.reasons.length ? ` (${view.protection.reasons.map((r) => r.obligation ?? r.code).join(', ')})` : ''}`);
  }
  out('  Contact details and addresses are in the log only as salted commitments; their clear values sit in an erasable table.');
  out(`  Every act above is signed by its actor; every entry is chained to the one before it in the case.`);
  out(`  Ledger verifier key: ${vkey}`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
