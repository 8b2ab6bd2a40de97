import { availableParallelism } from 'node:os';
import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { WorkerCrypto } from '../application/crypto/worker-crypto.js';
import { LedgerKey } from '../application/ledger-key.js';
import { auditStore, type AuditReport } from '../application/store-audit.js';
import { parseVerifierKey, type VerifierKey } from '../audit/checkpoint.js';
import { loadConfig } from '../config.js';
import { openStore } from '../store/open-store.js';
import { NoLedgerError } from '../store/sqlite/sqlite-ledger-store.js';
import { CliError, type CliIo } from './io.js';

interface AuditOptions {
  dataDir?: string;
  store?: string;
  ledgerKey?: string;
  json?: boolean;
  progress: boolean;
}

/** `harbor audit`: replays the whole store and names the first tampered seq and check (exit 1). */
export function auditCommand(io: CliIo): Command {
  return new Command('audit')
    .description('replay the whole store: every entry, leaf, Merkle node, signature, chain and checkpoint; exit 0 clean, 1 tampered, 2 unreadable')
    .option('--data-dir <dir>', 'data folder of the ledger (default: HARBOR_DATA_DIR or ./data)')
    .option('--store <spec>', 'store to audit (default: HARBOR_STORE or sqlite:<data dir>/ledger.db)')
    .option('--ledger-key <vkey>', "the ledger's verifier key (default: read from <data dir>/ledger.key)")
    .option('--json', 'print the report as JSON')
    .option('--no-progress', 'no progress bar')
    .action(async (options: AuditOptions) => {
      const config = loadConfig({ ...process.env, ...(options.dataDir ? { HARBOR_DATA_DIR: options.dataDir } : {}), ...(options.store ? { HARBOR_STORE: options.store } : {}) });
      let store;
      try {
        store = openStore(config.store, { readOnly: true });
      } catch (error) {
        throw new CliError(error instanceof NoLedgerError ? error.message : `cannot open ${config.store}: ${(error as Error).message}`, 2);
      }
      const ledgerKey = resolveLedgerKey(options.ledgerKey, config.dataDir, config.origin, io);
      const crypto = new WorkerCrypto(undefined, availableParallelism());
      const bar = options.progress && process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'audit [{bar}] {percentage}% | {value}/{total} entries | {eta_formatted} left' }, cliProgress.Presets.shades_classic) : undefined;
      let report: AuditReport;
      try {
        bar?.start(await store.size(), 0);
        report = await auditStore(store, { verify: (k, m, s) => crypto.verify(k, m, s), ledgerKey, onProgress: (done) => bar?.update(done) });
      } finally {
        bar?.stop();
        await crypto.close();
        await store.close();
      }
      io.out(options.json ? JSON.stringify(report, null, 2) : formatAudit(report, config.store));
      if (!report.ok) {
        const first = report.failures[0];
        throw new CliError(`tampering found: first at ${first.seq === undefined ? 'the log' : `seq ${first.seq}`} (${first.check})`, 1);
      }
    });
}

function resolveLedgerKey(vkey: string | undefined, dataDir: string, origin: string, io: CliIo): VerifierKey | undefined {
  if (vkey) {
    const parsed = parseVerifierKey(vkey);
    if (!parsed) throw new CliError('--ledger-key must be a verifier key origin+keyid+base64', 2);
    return parsed;
  }
  const key = LedgerKey.load(dataDir, origin);
  if (!key) io.err(`harbor: no ledger key in ${dataDir}; checkpoint signatures are not checked (pass --ledger-key)`);
  return key && parseVerifierKey(key.verifierKey);
}

function formatAudit(report: AuditReport, store: string): string {
  const rate = report.seconds > 0 ? Math.round(report.entries / report.seconds) : report.entries;
  const head = `${store}: ${report.entries} entries and ${report.checkpoints} checkpoints replayed in ${report.seconds.toFixed(2)} s (${rate} entries/s)`;
  if (report.ok) return `${head}\nCLEAN: every entry, leaf, Merkle node, signature, chain and checkpoint checks out.`;
  return [head, `TAMPERED: ${report.failures.length}${report.failures.length >= 100 ? '+' : ''} failure(s)`, ...report.failures.map((f) => `  ${f.check.padEnd(20)} ${f.seq === undefined ? '' : `seq ${f.seq}: `}${f.message}`)].join('\n');
}
