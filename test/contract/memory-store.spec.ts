import { MemoryLedgerStore } from '../../src/store/memory/memory-ledger-store.js';
import { describeLedgerStoreContract } from './ledger-store.contract.js';

describeLedgerStoreContract('memory', { open: async () => new MemoryLedgerStore() });
