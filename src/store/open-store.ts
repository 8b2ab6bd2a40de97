import type { LedgerStore } from '../application/ports/ledger-store.js';
import type { ProjectionStore } from '../application/ports/projection-store.js';
import { EventStoreDbClientAdapter } from './esdb/esdb-client.js';
import { EsdbLedgerStore } from './esdb/esdb-ledger-store.js';
import { MemoryLedgerStore } from './memory/memory-ledger-store.js';
import { SqliteLedgerStore } from './sqlite/sqlite-ledger-store.js';
import { SqliteProjectionStore } from './sqlite/sqlite-projection-store.js';

/**
 * Opens the store named by HARBOR_STORE: `sqlite:<path>`, `memory:`, or an EventStoreDB/KurrentDB
 * connection string `esdb://…`. `readOnly` (audits, migration sources) opens an existing SQLite
 * ledger read-only and creates nothing.
 */
export function openStore(spec: string, options: { esdbReadFreshnessMs?: number; readOnly?: boolean; disclosureKeys?: string; esdbIndex?: string } = {}): LedgerStore {
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (!path) throw new Error('HARBOR_STORE=sqlite: needs a file path, e.g. sqlite:./data/ledger.db');
    return new SqliteLedgerStore(path, { readOnly: options.readOnly });
  }
  if (spec === 'memory:' || spec === 'memory') return new MemoryLedgerStore();
  if (spec.startsWith('esdb://') || spec.startsWith('esdb+discover://') || spec.startsWith('kurrentdb://') || spec.startsWith('kurrentdb+discover://')) {
    // The server is the log's single writer: reads may use an index up to a second old (see EsdbLedgerStore).
    // Disclosed personal data is sealed with keys kept in a local file (none for read-only uses: audits never open it).
    // The side index too (read-only uses, which read the whole stream anyway, keep theirs in memory).
    const local = (file: string | undefined) => (file && !options.readOnly ? file : ':memory:');
    const client = new EventStoreDbClientAdapter(spec.replace(/^kurrentdb/, 'esdb'));
    return new EsdbLedgerStore(client, { readFreshnessMs: options.esdbReadFreshnessMs ?? 0, keys: local(options.disclosureKeys), index: local(options.esdbIndex), writerLease: !options.readOnly });
  }
  throw new Error(`HARBOR_STORE must be sqlite:<path>, memory: or esdb://host:2113?tls=false, got ${JSON.stringify(spec)}`);
}

/** Opens the projection store named by HARBOR_PROJECTIONS: a SQLite file, or `memory:`. */
export function openProjections(spec: string, options: { readOnly?: boolean } = {}): ProjectionStore {
  return new SqliteProjectionStore(spec === 'memory:' || spec === 'memory' ? ':memory:' : spec, options);
}
