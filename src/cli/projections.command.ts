import cliProgress from 'cli-progress';
import { Command } from 'commander';
import { Projector } from '../application/projections/projector.js';
import { loadConfig } from '../config.js';
import { openProjections, openStore } from '../store/open-store.js';
import { NoLedgerError } from '../store/sqlite/sqlite-ledger-store.js';
import { CliError, type CliIo } from './io.js';

interface RebuildOptions {
  dataDir?: string;
  store?: string;
  projections?: string;
  progress: boolean;
}

/** `harbor projections rebuild`: forgets the read side and rebuilds it from the log (the ledger does so itself at start when versions differ). */
export function projectionsCommand(io: CliIo): Command {
  const projections = new Command('projections').description('the read side: projections derived from the log');
  projections
    .command('rebuild')
    .description('rebuild every projection from the log (stop the ledger first: one projector at a time)')
    .option('--data-dir <dir>', 'data folder of the ledger (default: HARBOR_DATA_DIR or ./data)')
    .option('--store <spec>', 'the log (default: HARBOR_STORE or sqlite:<data dir>/ledger.db)')
    .option('--projections <path>', 'the projection store (default: HARBOR_PROJECTIONS or projections.db beside the log)')
    .option('--no-progress', 'no progress bar')
    .action(async (options: RebuildOptions) => {
      const env = { ...process.env, ...(options.dataDir ? { HARBOR_DATA_DIR: options.dataDir } : {}), ...(options.store ? { HARBOR_STORE: options.store } : {}), ...(options.projections ? { HARBOR_PROJECTIONS: options.projections } : {}) };
      const config = loadConfig(env);
      if (config.projections.startsWith('memory')) throw new CliError('an in-memory projection store cannot be rebuilt from here: it lives and dies with the ledger', 2);
      let log;
      try {
        log = openStore(config.store, { readOnly: true });
      } catch (error) {
        throw new CliError(error instanceof NoLedgerError ? error.message : `cannot open ${config.store}: ${(error as Error).message}`, 2);
      }
      const store = openProjections(config.projections);
      const projector = new Projector(log, store, { batchSize: 5000, deploymentSlas: config.deploymentSlas });
      const bar = options.progress && process.stderr.isTTY ? new cliProgress.SingleBar({ stream: process.stderr, format: 'rebuild [{bar}] {percentage}% | {value}/{total} entries | {eta_formatted} left' }, cliProgress.Presets.shades_classic) : undefined;
      const started = performance.now();
      try {
        bar?.start(await log.size(), 0);
        projector.reset();
        const position = await projector.catchUp((done) => bar?.update(done));
        bar?.stop();
        const seconds = (performance.now() - started) / 1000;
        io.out(`${config.projections}: rebuilt from ${position} entries of ${config.store} in ${seconds.toFixed(2)} s (${Math.round(position / Math.max(seconds, 0.001))} entries/s)`);
      } finally {
        bar?.stop();
        store.close();
        await log.close();
      }
    });
  return projections;
}
