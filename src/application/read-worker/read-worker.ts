import { parentPort, workerData } from 'node:worker_threads';
import { LedgerError } from '../../domain/errors.js';
import { toJson } from './to-json.js';
import { SqliteLedgerStore } from '../../store/sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from '../../store/sqlite/sqlite-projection-store.js';
import { ComplianceService } from '../compliance-service.js';
import { Listings } from '../listings.js';
import { LocalReadQueries, type ReadQueryName } from '../read-queries.js';

/** What the main thread sends: one read, the ledger's time for it (the main thread owns the clock). */
export interface ReadRequest {
  id: number;
  query: ReadQueryName;
  args: unknown[];
  now: string;
}

/** An answer as JSON text (and, for reports, the log position apart: it goes in a header). */
export type ReadResponse = { id: number; json: string; position?: number } | { id: number; error: { code: string; message: string; field?: string; rule?: string } | { message: string } };

export interface ReadWorkerData {
  projections: string;
  log: string;
  deploymentSlas: Record<string, number>;
}

if (parentPort) {
  const port = parentPort;
  const config = workerData as ReadWorkerData;
  // Read-only connections of its own: the main thread's projector keeps the store current.
  const projections = new SqliteProjectionStore(config.projections, { readOnly: true });
  const log = new SqliteLedgerStore(config.log, { readOnly: true });
  let now = new Date();
  const clock = { now: () => now };
  const caughtUp = async () => projections.position();
  const compliance = new ComplianceService(projections, caughtUp, log, clock, config.deploymentSlas);
  const queries = new LocalReadQueries(compliance, new Listings(projections, caughtUp, compliance, clock));
  // One read at a time: each runs at the ledger time it was sent with.
  let queue: Promise<unknown> = Promise.resolve();
  port.on('message', (request: ReadRequest) => {
    const run = () => {
      now = new Date(request.now);
      return (queries[request.query] as (...args: unknown[]) => Promise<unknown>).apply(queries, request.args);
    };
    queue = queue.then(run).then(
      (value) => port.postMessage(serialized(request.id, value) satisfies ReadResponse),
      (error: unknown) => port.postMessage({ id: request.id, error: error instanceof LedgerError ? { code: error.code, message: error.message, field: error.field, rule: error.rule } : { message: (error as Error).message } } satisfies ReadResponse),
    );
  });
}

function serialized(id: number, value: unknown): ReadResponse {
  const answer = value as { position?: number; value?: unknown };
  const positioned = typeof answer === 'object' && answer !== null && Object.keys(answer).length === 2 && 'position' in answer && 'value' in answer;
  return positioned ? { id, position: answer.position, json: toJson(answer.value) } : { id, json: toJson(value) };
}
