import { caseListSigningBytes, DOSSIER_FORMAT, type CaseListBody, type Dossier, type DossierCase } from '../audit/dossier.js';
import { encodeBase64, toHex } from '../audit/encoding.js';
import { caseStream, partyStream } from '../domain/acts/envelope.js';
import { LedgerError } from '../domain/errors.js';
import { partiesJudgementReads } from '../domain/projections/judge-streams.js';
import type { RecordedAct } from '../domain/recorded-act.js';
import type { BundleBuilder } from './bundle-builder.js';
import type { LedgerKey } from './ledger-key.js';
import type { Clock } from './ports/clock.js';
import type { LedgerStore, StoredEntry } from './ports/ledger-store.js';
import { toRecordedAct } from './recorded.js';

/** The most cases one dossier holds (it is built whole): a longer period is asked in parts. */
export const MAX_DOSSIER_CASES = 20_000;

/**
 * A provider's dossier (README "Verdicts anyone can recompute"): its stream and every case opened
 * against it in [from, to) within a fresh checkpoint's tree, each with its signed judgement, the
 * streams of their notifiers, every actor's keys, and the ledger's signed list of exactly those cases.
 */
export class DossierBuilder {
  constructor(
    private readonly store: LedgerStore,
    private readonly bundles: BundleBuilder,
    private readonly key: LedgerKey,
    private readonly clock: Clock,
    /** The ids of a provider's cases opened at or after `from`, from projections caught up after the checkpoint. */
    private readonly caseIdsOf: (provider: string, from?: string) => Promise<string[]>,
    private readonly maxCases = MAX_DOSSIER_CASES,
  ) {}

  async build(provider: string, period: { from?: string; to?: string } = {}): Promise<Dossier> {
    const checkpoint = await this.bundles.freshCheckpoint();
    const treeSize = checkpoint.size;
    const streams = new Map<string, { entries: StoredEntry[]; acts: RecordedAct[] }>();
    const partyOf = async (id: string) => {
      let stream = streams.get(id);
      if (!stream) {
        const entries = (await this.store.readStream(partyStream(id))).filter((e) => e.seq < treeSize);
        streams.set(id, (stream = { entries, acts: entries.map(toRecordedAct) }));
      }
      return stream;
    };
    if ((await partyOf(provider)).entries.length === 0) throw new LedgerError('not_found', `no provider ${provider}`, 'id');
    const asOf = this.clock.now().toISOString();
    const cases: (DossierCase & { id: string })[] = [];
    const caseEntries: StoredEntry[] = [];
    for (const id of await this.caseIdsOf(provider, period.from)) {
      const entries = (await this.store.readStream(caseStream(id))).filter((e) => e.seq < treeSize);
      if (entries.length === 0 || (period.to && entries[0].recordedAt >= period.to) || (period.from && entries[0].recordedAt < period.from)) continue;
      if (cases.length === this.maxCases) throw new LedgerError('too_large', `${provider} has more than ${this.maxCases} cases in this period: ask for a shorter one (from, to)`, 'to');
      const acts = entries.map(toRecordedAct);
      const { notifier } = partiesJudgementReads(acts);
      if (notifier) await partyOf(notifier);
      const last = entries[entries.length - 1];
      cases.push({
        id,
        entries: await this.bundles.withProofs(entries, treeSize),
        streamHead: this.bundles.signedHead({ stream: caseStream(id), revisions: entries.length, head: toHex(last.leaf), treeSize }),
        judgement: this.bundles.judgementClaim(id, acts, (p) => streams.get(p)?.acts ?? [], treeSize, asOf),
      });
      caseEntries.push(...entries);
    }
    const partyEntries = [...streams.values()].flatMap((s) => s.entries);
    const list: CaseListBody = { provider, treeSize, from: period.from ?? null, to: period.to ?? null, cases: cases.map((c) => c.id) };
    return {
      format: DOSSIER_FORMAT,
      checkpoint: this.bundles.noteOf(checkpoint),
      provider,
      keys: await this.bundles.withProofs(await this.bundles.keyEntriesOf([...caseEntries, ...partyEntries], treeSize), treeSize),
      parties: await Promise.all([...streams].map(([id, s]) => this.bundles.partyEvidence(id, s.entries, treeSize))),
      cases: cases.map(({ id: _id, ...c }) => c),
      caseList: { ...list, sig: encodeBase64(this.key.sign(caseListSigningBytes(list))) },
    };
  }
}
