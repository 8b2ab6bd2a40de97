import { toHex } from '../audit/encoding.js';
import { caseStream } from '../domain/acts/envelope.js';
import { csvHeader, csvRow, type CsvTable } from '../domain/exports/csv.js';
import type { ExportFormat } from '../domain/exports/formats.js';
import { lumenNotices } from '../domain/exports/lumen.js';
import { TDB_BATCH, tdbStatements, type TdbStatement } from '../domain/exports/tdb.js';
import { packForCase } from '../domain/jurisdictions/registry.js';
import { accreditedAt, type PartyState } from '../domain/party/state.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { LedgerReader } from './ledger-reader.js';
import type { CaseFilter, CaseListItem } from './ports/projection-store.js';
import type { CheckpointRow, LedgerStore } from './ports/ledger-store.js';
import { RawJson, type ReadQueries } from './read-queries.js';
import type { Listing } from './listings.js';
import { BoundedMap } from './projections/bounded-map.js';
import { toRecordedAct } from './recorded.js';

export { EXPORT_FORMATS, type ExportFormat } from '../domain/exports/formats.js';

export interface ExportRequest {
  format: ExportFormat;
  table?: CsvTable;
  provider?: string;
  /** Cases opened in [from, to). */
  from?: string;
  to?: string;
}

const PAGE = 200;

/**
 * Streams the ledger's cases as regulators' formats, case by case (memory bounded by one case),
 * against one checkpoint: only entries the checkpoint covers are read, and the export names it.
 */
export class Exports {
  constructor(
    private readonly reads: ReadQueries,
    private readonly reader: LedgerReader,
    private readonly store: LedgerStore,
    private readonly freshCheckpoint: () => Promise<CheckpointRow>,
    private readonly noteOf: (checkpoint: CheckpointRow) => string,
    private readonly origin: string,
  ) {}

  /** How many cases the export covers, and its chunks of text. */
  async open(request: ExportRequest): Promise<{ cases: number; checkpoint: CheckpointRow; chunks: AsyncGenerator<string> }> {
    const checkpoint = await this.freshCheckpoint();
    const filter: CaseFilter = { provider: request.provider, openedFrom: request.from, openedTo: request.to };
    const first = await this.page(filter);
    return { cases: first.total, checkpoint, chunks: this.chunks(request, filter, checkpoint, first) };
  }

  private async *chunks(request: ExportRequest, filter: CaseFilter, checkpoint: CheckpointRow, first: { items: CaseListItem[]; next: string | null }): AsyncGenerator<string> {
    const cases = this.cases(filter, first);
    if (request.format === 'csv') return yield* this.csv(request.table ?? 'cases', cases, checkpoint);
    const header = { format: `harbor-ledger/export/${request.format}/v1`, origin: this.origin, logSize: checkpoint.size, checkpoint: this.noteOf(checkpoint), filter: { provider: request.provider ?? null, from: request.from ?? null, to: request.to ?? null } };
    yield `${JSON.stringify(header).slice(0, -1)},"${request.format === 'tdb' ? 'batches' : 'notices'}":[`;
    let count = 0;
    const items = request.format === 'tdb' ? this.tdbBatches(cases, checkpoint) : this.lumen(cases, checkpoint);
    for await (const item of items) yield `${count++ ? ',' : ''}\n${JSON.stringify(item)}`;
    yield '\n]}\n';
  }

  private async *cases(filter: CaseFilter, first: { items: CaseListItem[]; next: string | null }): AsyncGenerator<CaseListItem> {
    let page = first;
    for (;;) {
      yield* page.items;
      if (!page.next) return;
      page = await this.page(filter, page.next);
    }
  }

  /** A page of the case list, read here (the read worker answers as JSON text, meant to be sent on as it is). */
  private async page(filter: CaseFilter, cursor?: string): Promise<Listing<CaseListItem>> {
    const answer: unknown = await this.reads.cases(filter, PAGE, cursor);
    return answer instanceof RawJson ? (JSON.parse(new TextDecoder().decode(answer.bytes)) as Listing<CaseListItem>) : (answer as Listing<CaseListItem>);
  }

  /** A case's acts as the checkpoint covers them. */
  private async acts(caseId: string, checkpoint: CheckpointRow): Promise<RecordedAct[]> {
    return (await this.store.readStream(caseStream(caseId))).filter((e) => e.seq < checkpoint.size).map(toRecordedAct);
  }

  /** Statements of reasons in batches of at most 100, each `{"statements": [...]}` as the TDB's endpoint takes it. */
  private async *tdbBatches(cases: AsyncGenerator<CaseListItem>, checkpoint: CheckpointRow): AsyncGenerator<{ statements: TdbStatement[] }> {
    let batch: TdbStatement[] = [];
    // A notifier's stream is read once per export, not once per case (null: not registered).
    const notifiers = new BoundedMap<string, PartyState | null>(1000);
    for await (const c of cases) {
      // Statements of reasons go to the TDB under the law in force when the case opened (the DSA, not the E-Commerce Directive before it).
      if (!packForCase(c.pack, c.openedAt)?.pack.transparencyDatabase) continue;
      const acts = await this.acts(c.id, checkpoint);
      const notice = acts.find((a) => a.act.type === 'notice.submitted');
      const notifier = notice ? await this.notifierOf(notice.act.actor, notifiers) : undefined;
      const trustedFlagger = !!notice && accreditedAt(notifier, 'trusted_flagger', notice.recordedAt, notice.seq);
      for (const statement of tdbStatements(acts, { caseId: c.id, origin: this.origin, trustedFlagger })) {
        batch.push(statement);
        if (batch.length === TDB_BATCH) yield { statements: batch.splice(0) };
      }
    }
    if (batch.length) yield { statements: batch };
  }

  private async notifierOf(id: string, known: BoundedMap<string, PartyState | null>): Promise<PartyState | undefined> {
    let state = known.get(id);
    if (state === undefined) known.set(id, (state = (await this.reader.partyState(id)) ?? null));
    return state ?? undefined;
  }

  private async *lumen(cases: AsyncGenerator<CaseListItem>, checkpoint: CheckpointRow): AsyncGenerator<unknown> {
    for await (const c of cases) yield* lumenNotices(c.id, await this.acts(c.id, checkpoint));
  }

  private async *csv(table: CsvTable, cases: AsyncGenerator<CaseListItem>, checkpoint: CheckpointRow): AsyncGenerator<string> {
    const tail = [checkpoint.size, toHex(checkpoint.root)];
    yield csvHeader(table);
    const asOf = new Date(Date.parse(checkpoint.signedAt));
    for await (const c of cases) {
      const view = await this.reader.case(c.id, asOf);
      if (!view.revisions) continue; // opened after the checkpoint
      if (table === 'cases') {
        yield csvRow([c.id, c.provider, c.notifier, c.user, c.pack, c.phase, c.openedAt, c.lastAt, c.revisions, view.protection?.status ?? null, ...tail]);
        continue;
      }
      for (const o of view.obligations ?? []) yield csvRow([c.id, c.provider, c.pack, o.key, o.party, o.basis, o.source, o.from ?? null, o.by ?? null, o.metAt, o.status, o.note, ...tail]);
    }
  }
}
