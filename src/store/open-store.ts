import type { LedgerStore } from '../application/ports/ledger-store.js';
import { MemoryLedgerStore } from './memory/memory-ledger-store.js';
import { SqliteLedgerStore } from './sqlite/sqlite-ledger-store.js';

/** Opens the store named by HARBOR_STORE: `sqlite:<path>`, `memory:` (or `esdb://…` once that adapter lands). */
export function openStore(spec: string): LedgerStore {
  if (spec.startsWith('sqlite:')) {
    const path = spec.slice('sqlite:'.length);
    if (!path) throw new Error('HARBOR_STORE=sqlite: needs a file path, e.g. sqlite:./data/ledger.db');
    return new SqliteLedgerStore(path);
  }
  if (spec === 'memory:' || spec === 'memory') return new MemoryLedgerStore();
  if (spec.startsWith('esdb:')) throw new Error('HARBOR_STORE=esdb://… is not available in this build yet (EventStoreDB adapter, issue 6)');
  throw new Error(`HARBOR_STORE must be sqlite:<path> or memory:, got ${JSON.stringify(spec)}`);
}
