import { useNodeCrypto } from '../../backends/node-crypto.js';
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../../domain/errors.js';
import { toJsonBytes } from './to-json.js';
import { SqliteLedgerStore } from '../../store/sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from '../../store/sqlite/sqlite-projection-store.js';
import { ComplianceService } from '../compliance-service.js';
import { Projector } from '../projections/projector.js';
import { Listings } from '../listings.js';
import { LocalReadQueries, type ReadQueryName } from '../read-queries.js';

// src/audit hashes with node:crypto in this process (its default is the portable one).
useNodeCrypto();

/** What the main thread sends: one read and the ledger's time for it (the main thread owns the clock), or stop. */
export type ReadRequest = { id: number; query: ReadQueryName; args: unknown[]; now: string } | { id: number; stop: true };

/** An answer as UTF-8 JSON, its memory transferred (and, for reports, the log position apart: it goes in a header). */
export type ReadResponse = { started: true } | { id: number; json: Uint8Array; position?: number } | { id: number; error: { code: string; message: string; field?: string; rule?: string } | { message: string } };

export interface ReadWorkerData {
  projections: string;
  log: string;
  deploymentSlas: Record<string, number>;
  /** How often the projector follows the log when nobody asks. */
  followMs: number;
}

/**
 * Lowers this thread's scheduling priority (Linux: a thread's id is a pid for setpriority), so that on
 * a busy machine the writer's threads get the CPU before a long report does. Elsewhere a no-op.
 */
function yieldToTheWriter(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) setPriority(threadId, 19);
  } catch {
    // no /proc (not Linux) or not permitted: the reads keep the normal priority
  }
}

if (parentPort) {
  yieldToTheWriter();
  const port = parentPort;
  const config = workerData as ReadWorkerData;
  // The whole read side lives here: the projector (its transactions and checkpoints) and the queries,
  // on a read-only connection to the log and the projection store's own connection.
  const projections = new SqliteProjectionStore(config.projections);
  const log = new SqliteLedgerStore(config.log, { readOnly: true });
  const projector = new Projector(log, projections, { deploymentSlas: config.deploymentSlas });
  let now = new Date();
  const clock = { now: () => now };
  const catchUp = () => projector.catchUp();
  const compliance = new ComplianceService(projections, catchUp, log, clock, config.deploymentSlas);
  const queries = new LocalReadQueries(compliance, new Listings(projections, catchUp, compliance, clock));
  const follow = setInterval(() => void catchUp().catch(() => undefined), config.followMs);
  void catchUp().catch(() => undefined);
  // One read at a time: each runs at the ledger time it was sent with.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (request: ReadRequest) => {
    if ('stop' in request) {
      clearInterval(follow);
      queue = queue.then(async () => {
        await projector.stop();
        projections.close();
        await log.close();
        port.postMessage({ id: request.id, json: toJsonBytes(null) } satisfies ReadResponse);
      });
      return;
    }
    const run = () => {
      now = new Date(request.now);
      return (queries[request.query] as (...args: unknown[]) => Promise<unknown>).apply(queries, request.args);
    };
    queue = queue.then(run).then(
      (value) => {
        const response = serialized(request.id, request.query, value);
        port.postMessage(response, [response.json.buffer as ArrayBuffer]);
      },
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof LedgerError ? { code: error.code, message: error.message, field: error.field, rule: error.rule } : { message: (error as Error).message } } satisfies ReadResponse),
    );
  });
  port.postMessage({ started: true } satisfies ReadResponse);
}

/** The reports answer `{position, value}` (the position goes in a header); lists carry it in their body. */
const POSITIONED: ReadonlySet<ReadQueryName> = new Set(['providerCompliance', 'repeatInfringers', 'notifierConduct']);

function serialized(id: number, query: ReadQueryName, value: unknown): { id: number; json: Uint8Array; position?: number } {
  if (!POSITIONED.has(query)) return { id, json: toJsonBytes(value) };
  const answer = value as { position: number; value: unknown };
  return { id, position: answer.position, json: toJsonBytes(answer.value) };
}
