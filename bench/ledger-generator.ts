import type { LedgerStore, MerkleNodeRow, NewEntry } from '../src/application/ports/ledger-store.js';
import { encodeEntry } from '../src/audit/entry.js';
import { toHex } from '../src/audit/encoding.js';
import { hashLeaf } from '../src/audit/merkle-hash.js';
import { CompactRange } from '../src/audit/merkle-tree.js';

/**
 * Writes a realistic ledger straight into a store, as entries with their Merkle nodes: parties of four
 * regimes, cases with measures, forwards, counter-notices, restorations, withdrawals, findings, and
 * providers' sanctions and policy changes, in time order. Acts carry placeholder signatures: the
 * projections never check signatures (the audit and the writer do), so this measures the read side
 * alone. Deterministic for a seed. Used by `npm run bench` and the projection tests.
 */
export interface GeneratorOptions {
  cases: number;
  providers: number;
  /** Share of the cases held by the first provider (`p-0`, US). */
  bigProviderShare?: number;
  notifiers?: number;
  users?: number;
  seed?: number;
  /** First notice; cases are spread over `days` days. */
  start?: string;
  days?: number;
  /** A provider sanctions the user of one case in this many (default 97). */
  sanctionEvery?: number;
  /** Entries appended per store transaction. */
  group?: number;
  onProgress?: (entries: number) => void;
}

export interface GeneratedLedger {
  entries: number;
  cases: number;
  providers: string[];
  notifiers: string[];
  users: string[];
  bigProvider: string;
  /** When the last act was recorded. */
  end: string;
}

const FAKE_SIG = `${'A'.repeat(86)}==`;
const KEY = `${'A'.repeat(43)}=`;
const COMMIT = `sha256:${'cd'.repeat(32)}`;
const SOR = { ground: 'illegal_content', facts: 'f', automatedDetection: false, automatedDecision: 'no' };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type Pending = { at: number; order: number; stream: string; type: string; actor: string; data: Record<string, unknown>; caseId?: string };

const USER_SANCTIONS = ['user.warned', 'user.suspended', 'user.terminated'] as const;

const PACK_OF_PROVIDER = ['us-dmca', 'eu-dsa', 'us-dmca', 'cn-ecom', 'jp-plla', 'cn-civil', 'eu-dsa'] as const;

export async function generateLedger(store: LedgerStore, options: GeneratorOptions): Promise<GeneratedLedger> {
  const random = mulberry32(options.seed ?? 7);
  const writer = new EntryWriter(store, options.group ?? 5000, options.onProgress);
  const start = Date.parse(options.start ?? '2026-01-05T15:00:00.000Z');
  const span = (options.days ?? 365) * DAY;
  const providers = Array.from({ length: options.providers }, (_, i) => `p-${i}`);
  const notifiers = Array.from({ length: options.notifiers ?? Math.max(5, Math.ceil(options.cases / 200)) }, (_, i) => `n-${i}`);
  const users = Array.from({ length: options.users ?? Math.max(5, Math.ceil(options.cases / 3)) }, (_, i) => `u-${i}`);
  const packOf = (p: number) => PACK_OF_PROVIDER[p % PACK_OF_PROVIDER.length];
  const setup = start - 30 * DAY;
  await writer.add(setup, 'party-authority', 'party.registered', 'authority', { name: 'Court', roles: ['authority'], publicKey: KEY });
  for (const n of notifiers) await writer.add(setup, `party-${n}`, 'party.registered', n, { name: n, roles: ['rights_holder'], publicKey: KEY });
  for (const [i, p] of providers.entries()) {
    const pack = packOf(i);
    const kind = pack === 'eu-dsa' ? 'platform' : 'hosting';
    await writer.add(setup, `party-${p}`, 'party.registered', p, { name: p, roles: ['provider'], providerKind: kind, packs: [pack], publicKey: KEY });
    if (pack === 'us-dmca') await writer.add(setup, `party-${p}`, 'provider.agent_designated', p, { registry: `DMCA-${i}`, designatedOn: new Date(setup - DAY).toISOString().slice(0, 10) });
    await writer.add(setup, `party-${p}`, 'provider.policy_adopted', p, { repeatInfringer: { strikes: 3, windowDays: 180, action: 'terminate', actionWithinDays: 5, countDisputed: false }, misuse: { unfounded: 3, share: 0.2, windowDays: 180, suspensionDays: 30 } });
  }
  const queue = new Heap<Pending>((a, b) => a.at - b.at || a.order - b.order);
  let order = 0;
  const push = (p: Omit<Pending, 'order'>) => queue.push({ ...p, order: order++ });
  const big = options.bigProviderShare ?? 0.3;
  const sanctionEvery = options.sanctionEvery ?? 97;
  for (let c = 0; c < options.cases; c++) {
    const opened = start + Math.floor((c * span) / options.cases);
    while (queue.size && queue.peek()!.at <= opened) await writer.addPending(queue.pop()!);
    const p = providers.length === 1 || random() < big ? 0 : 1 + Math.floor(random() * (providers.length - 1));
    const provider = providers[p];
    const user = users[Math.floor(random() * users.length)];
    caseActs(`k-${c}`, provider, packOf(p), opened, notifiers[Math.floor(random() * notifiers.length)], user, random, push);
    // Sanctions against the user of a case: a warning, a suspension (a prior warning or not: EU Art 23(1)) or a termination.
    if (c % sanctionEvery === sanctionEvery - 1) {
      const type = USER_SANCTIONS[Math.floor(random() * USER_SANCTIONS.length)];
      push({ at: opened + 2 * DAY, stream: `party-${provider}`, type, actor: provider, data: { user, reason: 'repeat infringement', ...(type === 'user.suspended' ? { until: new Date(opened + 32 * DAY).toISOString() } : {}) } });
    }
    if (c % 499 === 498) push({ at: opened + 3 * DAY, stream: `party-${provider}`, type: 'notifier.warned', actor: provider, data: { notifier: notifiers[Math.floor(random() * notifiers.length)], reason: 'unfounded notices' } });
    if (c === Math.floor(options.cases / 2)) push({ at: opened + HOUR, stream: `party-${providers[1 % providers.length]}`, type: 'provider.policy_adopted', actor: providers[1 % providers.length], data: { repeatInfringer: { strikes: 2, windowDays: 365, action: 'suspend', actionWithinDays: 3, countDisputed: true }, slas: { 'EU.actOnKnowledge': 10 } } });
  }
  while (queue.size) await writer.addPending(queue.pop()!);
  await writer.flush();
  return { entries: writer.seq, cases: options.cases, providers, notifiers, users, bigProvider: providers[0], end: new Date(writer.lastAt).toISOString() };
}

/**
 * One case's acts: a notice (5% lacking statements), then by chance a withdrawal (3%), a measure (97%
 * of the rest, 5% of them days late), a forward (95%), a counter-notice (6%, restored in 60% of them)
 * or an authority's finding that the notice was unfounded (2%).
 */
function caseActs(caseId: string, provider: string, pack: string, opened: number, notifier: string, user: string, random: () => number, push: (p: Omit<Pending, 'order'>) => void): void {
  const stream = `case-${caseId}`;
  const item = `https://host.example/${caseId}`;
  const act = (after: number, actor: string, type: string, data: Record<string, unknown>) => push({ at: opened + after, stream, type, actor, data, caseId });
  const notice = { provider, pack, works: ['w'], items: [{ locator: item, description: 'd' }], claimant: { name: notifier, contact: COMMIT, address: COMMIT }, explanation: 'e', evidence: ['ab'.repeat(32)], statements: { goodFaith: true, accuracy: true, authorized: true, bonaFide: true }, category: 'copyright', user };
  if (pack.startsWith('cn') && random() < 0.3) act(0, provider, 'notice.received', { provider, pack, notifier, channel: 'email', signed: false, original: 'ef'.repeat(32), items: [{ locator: item }], user });
  else act(0, notifier, 'notice.submitted', random() < 0.05 ? { ...notice, statements: { goodFaith: true } } : notice);
  if (random() < 0.03) return act(2 * HOUR, notifier, 'notice.withdrawn', { reason: 'settled' });
  if (random() < 0.02) act(5 * DAY, 'authority', 'finding.recorded', { outcome: 'manifestly_unfounded', reference: `ref-${caseId}` });
  if (random() >= 0.97) return;
  const measureAfter = random() < 0.05 ? DAY + Math.floor(random() * 11 * DAY) : HOUR + Math.floor(random() * 20 * HOUR);
  act(measureAfter, provider, 'measure.taken', { measure: 'disabled', items: [item], basis: 'notice', ...(pack === 'eu-dsa' ? { reasons: SOR } : {}) });
  if (random() < 0.95) act(measureAfter + HOUR, provider, 'notice.forwarded', { user });
  if (pack === 'eu-dsa') act(measureAfter + 2 * HOUR, provider, 'reasons.stated', { ...SOR, legalGround: 'Art 14', redress: 'complaint' });
  if (random() < 0.06) {
    act(measureAfter + 2 * DAY, user, 'counter_notice.submitted', { statements: { goodFaithMistake: true, consentToJurisdiction: true, acceptService: true }, contact: COMMIT, address: COMMIT });
    act(measureAfter + 3 * DAY, provider, 'counter_notice.forwarded', {});
    if (random() < 0.6) act(measureAfter + 16 * DAY, provider, 'measure.lifted', { items: [item], reason: 'counter_notice' });
  }
}

/** Appends entries in groups with the Merkle nodes they complete, as the writer would. */
class EntryWriter {
  seq = 0;
  lastAt = 0;
  private readonly range = CompactRange.empty();
  private readonly heads = new Map<string, { revision: number; leaf: string }>();
  private batch: NewEntry[] = [];
  private nodes: MerkleNodeRow[] = [];

  constructor(
    private readonly store: LedgerStore,
    private readonly group: number,
    private readonly onProgress?: (entries: number) => void,
  ) {}

  addPending(p: Pending): Promise<void> {
    return this.add(p.at, p.stream, p.type, p.actor, p.data, p.caseId);
  }

  async add(atMs: number, stream: string, type: string, actor: string, data: Record<string, unknown>, caseId?: string): Promise<void> {
    // The ledger's clock never goes back: an act due earlier than the last is recorded at the last's time.
    this.lastAt = Math.max(this.lastAt, atMs);
    const recordedAt = new Date(this.lastAt).toISOString();
    const id = `00000000-0000-4000-8000-${this.seq.toString(16).padStart(12, '0')}`;
    const act = { v: 1, id, type, ...(caseId ? { case: caseId } : {}), actor, at: recordedAt, data, sig: FAKE_SIG };
    const head = this.heads.get(stream);
    const revision = head ? head.revision + 1 : 0;
    const bytes = encodeEntry({ v: 1, seq: this.seq, recordedAt, stream, revision, prev: head?.leaf ?? null, act });
    const leaf = hashLeaf(bytes);
    this.batch.push({ seq: this.seq, stream, revision, actId: id, recordedAt, bytes, leaf, disclosures: [] });
    for (const node of this.range.append(leaf)) if (node.level > 0) this.nodes.push(node);
    this.heads.set(stream, { revision, leaf: toHex(leaf) });
    this.seq++;
    if (this.batch.length >= this.group) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.batch.length) await this.store.append(this.batch, this.nodes);
    this.batch = [];
    this.nodes = [];
    this.onProgress?.(this.seq);
  }
}

/** A small binary min-heap. */
class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => number) {}
  get size(): number {
    return this.items.length;
  }
  peek(): T | undefined {
    return this.items[0];
  }
  push(item: T): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.before(a[i], a[parent]) >= 0) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }
  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last !== undefined) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.before(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
