import { SqliteLedgerStore } from './dist/src/store/sqlite/sqlite-ledger-store.js';
import { StreamStates } from './dist/src/application/stream-cache.js';
import { toRecordedAct } from './dist/src/application/recorded.js';
import { evolveParty, initialPartyState } from './dist/src/domain/party/state.js';
const log = new SqliteLedgerStore('/tmp/bigc/ledger.db', {readOnly:true});
for (const r of [1,2]) {
let t=performance.now(); const rows = await log.readStream('party-p-0'); const t1=performance.now();
const acts = rows.map(toRecordedAct); const t2=performance.now();
const ss = new StreamStates(log, 100); await ss.load('party-p-0'); const t3=performance.now();
console.log('read',(t1-t).toFixed(1),'decode',(t2-t1).toFixed(1),'load(all)',(t3-t2).toFixed(1), rows.length);
}
