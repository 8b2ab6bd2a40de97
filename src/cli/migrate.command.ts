import { availableParallelism } from 'node:os';
import { Command } from 'commander';
import { WorkerCrypto } from '../application/crypto/worker-crypto.js';
import { LedgerKey } from '../application/ledger-key.js';
import { migrateStore, TargetNotEmptyError } from '../application/migrate.js';
import type { LedgerStore } from '../application/ports/ledger-store.js';
import { parseVerifierKey } from '../audit/checkpoint.js';
import { loadConfig } from '../config.js';
import { openStore } from '../store/open-store.js';
import { CliError, type CliIo } from './io.js';

/** `harbor migrate --from <store> --to <store>`: copy the log exactly, then prove the copy. */
export function migrateCommand(io: CliIo): Command {
  return new Command('migrate')
    .description('copy the log with its exact bytes and sequence into an empty store, then audit the copy and compare roots; exit 0 proved, 1 not proved, 2 refused')
    .requiredOption('--from <store>', 'source store: sqlite:<path>, esdb://…')
    .requiredOption('--to <store>', 'target store (must be empty): sqlite:<path>, esdb://…')
    .option('--ledger-key <vkey>', "the ledger's verifier key, to check the copied checkpoints' signatures (default: from HARBOR_DATA_DIR)")
    .action(async (options: { from: string; to: string; ledgerKey?: string }) => {
      const config = loadConfig();
      const vkey = options.ledgerKey ?? LedgerKey.load(config.dataDir, config.origin)?.verifierKey;
      const ledgerKey = vkey ? parseVerifierKey(vkey) : undefined;
      if (options.ledgerKey && !ledgerKey) throw new CliError('--ledger-key must be a verifier key origin+keyid+base64', 2);
      const source = open(options.from, { readOnly: true });
      const target = open(options.to, { disclosureKeys: config.disclosureKeys, esdbIndex: config.esdbIndex });
      const crypto = new WorkerCrypto(undefined, availableParallelism());
      try {
        const report = await migrateStore(source, target, { verify: (k, m, s) => crypto.verify(k, m, s), ledgerKey });
        io.out(
          [
            `copied ${report.entries} entries, ${report.disclosures} disclosures and ${report.checkpoints} checkpoints from ${options.from} to ${options.to}`,
            `root of the source log ${report.sourceRoot}`,
            `root of the copy       ${report.targetRoot}`,
            `audit of the copy: ${report.audit.ok ? 'clean' : `${report.audit.failures.length} failure(s), first ${JSON.stringify(report.audit.failures[0])}`}`,
            report.ok ? 'PROVED: the copy holds the same log.' : 'NOT PROVED: do not switch to the copy.',
          ].join('\n'),
        );
        if (!report.ok) throw new CliError('the copy could not be proved', 1);
      } catch (error) {
        if (error instanceof TargetNotEmptyError) throw new CliError(error.message, 2);
        throw error;
      } finally {
        await crypto.close();
        await source.close();
        await target.close();
      }
    });
}

function open(spec: string, options: { readOnly?: boolean; disclosureKeys?: string; esdbIndex?: string } = {}): LedgerStore {
  try {
    return openStore(spec, options);
  } catch (error) {
    throw new CliError(`cannot open ${spec}: ${(error as Error).message}`, 2);
  }
}
