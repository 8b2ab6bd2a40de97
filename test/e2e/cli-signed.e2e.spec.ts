import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseBundle } from '../../src/audit/bundle.js';
import { encodeBase64 } from '../../src/audit/encoding.js';
import { recordDmcaCase, type RecordedCase } from '../support/case-fixture.js';
import { startLedger, type Harness } from '../support/harness.js';
import type { TestParty } from '../support/parties.js';
import { makeTempDir } from '../support/temp-dir.js';
import { harbor } from '../support/cli.js';

describe('the CLI signs its reads with --as and --key (a private ledger)', () => {
  const dir = makeTempDir();
  let ledger: Harness;
  let url: string;
  let recorded: RecordedCase;
  let keyFile: string;
  const keyFileOf = (party: TestParty) => {
    const path = join(dir.path, `${party.id}.key.json`);
    writeFileSync(path, JSON.stringify({ publicKey: party.publicKey, secretKey: encodeBase64(party.keys.secretKey) }), { mode: 0o600 });
    return path;
  };

  beforeAll(async () => {
    // Signed as the real URL: the ledger rebuilds it from the Host header (no HARBOR_PUBLIC_URL).
    ledger = await startLedger({ dataDir: join(dir.path, 'data'), env: { HARBOR_READS: 'private', HARBOR_PUBLIC_URL: '' } });
    recorded = await recordDmcaCase(ledger);
    keyFile = keyFileOf(recorded.holder);
    await ledger.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(ledger.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await ledger.close();
    dir.remove();
  });

  it('lists cases when signed, and says what to do when not', async () => {
    const refused = await harbor(['cases', '--url', url]);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/401 this ledger is private: cases are read by registered parties only; sign the request with your party key/);
    const signed = await harbor(['cases', '--url', url, '--as', recorded.holder.id, '--key', keyFile]);
    expect(signed.code).toBe(0);
    expect(signed.out).toMatch(new RegExp(`^${recorded.caseId}\\s+${recorded.host.id}`, 'm'));
    expect((await harbor(['cases', '--url', url, '--as', recorded.holder.id])).err).toMatch(/give both --as <party> and --key <file>/);
  });

  it('fetches a bundle with the clear values the party may read, and shows the release in the access log', async () => {
    const out = join(dir.path, 'bundle.json');
    const fetched = await harbor(['fetch', 'bundle', recorded.caseId, '--disclose', '--url', url, '--as', recorded.holder.id, '--key', keyFile, '-o', out]);
    expect(fetched.code).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as CaseBundle;
    expect(bundle.disclosed.map((d) => [d.path, d.value])).toEqual([['data.claimant.contact', recorded.contact]]);
    // The verifier key is public even on a private ledger: verification never needs an account.
    expect((await harbor(['verify', out, '--ledger-key', (await ledger.http.get('/v1/log/key')).body.vkey])).code).toBe(0);
    const log = await harbor(['access-log', '--url', url, '--as', recorded.holder.id, '--key', keyFile]);
    expect(log.code).toBe(0);
    expect(log.out.split('\n')[0]).toMatch(/^when \(UTC\)\s+reader\s+case\s+seq\s+path\s+whose\s+rule$/);
    expect(log.out).toMatch(new RegExp(`${recorded.holder.id}\\s+${recorded.caseId}\\s+\\d+\\s+data\\.claimant\\.contact\\s+${recorded.holder.id}\\s+ClearValueToCommitter`));
    expect((await harbor(['fetch', 'bundle', recorded.caseId, '--disclose', '--url', url])).err).toMatch(/--disclose releases personal data only on a signed request/);
  });

  it('shows a case as the ledger judges it, fetches a dossier, and checks a receipt and a checkpoint offline', async () => {
    const auth = ['--url', url, '--as', recorded.holder.id, '--key', keyFile];
    const shown = await harbor(['show', 'case', recorded.caseId, ...auth]);
    expect(shown.code).toBe(0);
    expect(shown.out.split('\n')[0]).toMatch(new RegExp(`^Case ${recorded.caseId} under us-dmca@2026\\.2, as the ledger judges it as of \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} E[SD]T \\(America/New_York\\)$`));
    expect(shown.out).toMatch(/^ {2}US\.takedown\s+tube-us\s+default_sla\s+by .* MET\s+17 U\.S\.C\. §512\(c\)\(1\)\(C\)$/m);
    expect((await harbor(['show', 'case', recorded.caseId, '--as-of', 'yesterday', ...auth])).err).toMatch(/--as-of must be an RFC 3339 time/);

    const vkey = (await ledger.http.get('/v1/log/key')).body.vkey as string;
    const dossierFile = join(dir.path, 'dossier.json');
    const fetched = await harbor(['fetch', 'dossier', recorded.host.id, '-o', dossierFile, ...auth]);
    expect(fetched.out).toBe(`1 case(s) written to ${dossierFile}; check them offline with harbor verify ${dossierFile} --ledger-key <vkey>`);
    expect((await harbor(['verify', dossierFile, '--ledger-key', vkey])).code).toBe(0);
    expect((await harbor(['dossier', recorded.host.id, '-o', dossierFile, ...auth])).out).toBe(fetched.out);

    const note = join(dir.path, 'checkpoint.txt');
    writeFileSync(note, (await ledger.http.get('/v1/log/checkpoint')).text);
    expect((await harbor(['check', 'checkpoint', note, '--ledger-key', vkey])).out).toMatch(/^VALID: harbor-ledger\.local\/log has \d+ entries, root [0-9a-f]{64}$/);
    expect((await harbor(['check', 'checkpoint', '--url', url, '--ledger-key', vkey])).code).toBe(0);
    writeFileSync(note, (await ledger.http.get('/v1/log/checkpoint')).text.replace(/\n\d+\n/, '\n1\n'));
    expect((await harbor(['check', 'checkpoint', note, '--ledger-key', vkey])).code).toBe(1);

    const accepted = await ledger.post(recorded.holder.caseAct('notice.withdrawn', recorded.caseId, { reason: 'settled' }));
    const receiptFile = join(dir.path, 'receipt.json');
    writeFileSync(receiptFile, JSON.stringify(accepted.body));
    expect((await harbor(['check', 'receipt', receiptFile, '--ledger-key', vkey])).out).toBe(`VALID: harbor-ledger.local/log recorded the act with leaf ${accepted.body.leaf} at seq ${accepted.body.seq}, at ${accepted.body.recordedAt}`);
    writeFileSync(receiptFile, JSON.stringify({ ...accepted.body.receipt, seq: accepted.body.seq + 1 }));
    expect((await harbor(['check', 'receipt', receiptFile, '--ledger-key', vkey])).err).toMatch(/is not signed by the pinned ledger key/);
  });
});
