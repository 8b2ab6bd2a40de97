import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { LedgerObserver } from '../application/ledger.js';
import type { Act } from '../domain/acts/envelope.js';

/** Prometheus metrics of one ledger process; fed by the writer's observer, never by the event bus. */
export class LedgerMetrics implements LedgerObserver {
  readonly registry = new Registry();
  private readonly accepted = new Counter({ name: 'harbor_acts_accepted_total', help: 'Acts committed to the log', labelNames: ['type'], registers: [this.registry] });
  private readonly rejectedCount = new Counter({ name: 'harbor_acts_rejected_total', help: 'Acts refused, by error code', labelNames: ['code'], registers: [this.registry] });
  private readonly groupSize = new Histogram({ name: 'harbor_commit_group_size', help: 'Acts per store transaction', buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000], registers: [this.registry] });
  private readonly commitSeconds = new Histogram({ name: 'harbor_commit_seconds', help: 'Duration of one durable store commit', buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.5], registers: [this.registry] });
  readonly logSize = new Gauge({ name: 'harbor_log_size', help: 'Entries in the log', registers: [this.registry] });
  private readonly checkpointSize = new Gauge({ name: 'harbor_checkpoint_size', help: 'Tree size of the latest signed checkpoint', registers: [this.registry] });
  private readonly checkpointTime = new Gauge({ name: 'harbor_checkpoint_timestamp_seconds', help: 'When the latest checkpoint was signed', registers: [this.registry] });
  private readonly checkpointRefusals = new Counter({ name: 'harbor_checkpoint_refusals_total', help: 'Checkpoints refused because the log contradicts the last one signed (alert on any)', registers: [this.registry] });
  private readonly checkpointFailures = new Counter({ name: 'harbor_checkpoint_failures_total', help: 'Checkpoints that could not be signed or stored (full disk, store away); retried every second', registers: [this.registry] });
  private readonly halted = new Gauge({ name: 'harbor_integrity_halted', help: '1 while the ledger refuses acts because its log contradicts a signed checkpoint (alert on 1)', registers: [this.registry] });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'harbor_' });
  }

  committed(acts: readonly Act[], durationMs: number): void {
    if (acts.length === 0) return;
    for (const act of acts) this.accepted.inc({ type: act.type });
    this.groupSize.observe(acts.length);
    this.commitSeconds.observe(durationMs / 1000);
    this.logSize.inc(acts.length);
  }

  checkpointSigned(size: number): void {
    this.checkpointSize.set(size);
    this.checkpointTime.set(Date.now() / 1000);
  }

  checkpointRefused(): void {
    this.checkpointRefusals.inc();
  }

  checkpointFailed(): void {
    this.checkpointFailures.inc();
  }

  integrityHalted(): void {
    this.halted.set(1);
  }

  rejected(code: string): void {
    this.rejectedCount.inc({ code });
  }
}
