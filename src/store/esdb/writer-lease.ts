import { randomUUID } from 'node:crypto';
import { AppendConflictError, StoreUnavailableError } from '../../application/ports/ledger-store.js';
import type { EsdbClientPort } from './esdb-client.js';
import { eventIdFor } from './esdb-mapping.js';

const CLAIM_EVENT_TYPE = 'harbor.writer_claimed';

/**
 * One writer per log: a process claims the log (an event on the writer stream) before its first
 * write, and checks before each write that no process claimed it since. The expected revision already
 * keeps the log whole when two processes write; the lease makes the older one stop, instead of both
 * refusing each other's acts. A claim taken between a check and a write lets that one write through,
 * which the expected revision still orders.
 */
export class WriterLease {
  readonly id = randomUUID();
  private claimed = false;

  constructor(
    private readonly client: EsdbClientPort,
    private readonly stream: string,
  ) {}

  async check(): Promise<void> {
    const [last] = await this.client.read(this.stream, 'end', 1, 'backwards');
    const holder = last ? (JSON.parse(new TextDecoder().decode(last.data)) as { writer: string; at: string }) : undefined;
    if (this.claimed) {
      if (holder?.writer !== this.id) throw this.fenced(holder);
      return;
    }
    const data = new TextEncoder().encode(JSON.stringify({ writer: this.id, at: new Date().toISOString() }));
    try {
      await this.client.append(this.stream, [{ id: eventIdFor(`writer/${this.id}`), type: CLAIM_EVENT_TYPE, data, metadata: new TextEncoder().encode('{}') }], last ? last.revision : 'no_stream');
    } catch (error) {
      if (error instanceof AppendConflictError) throw this.fenced(undefined);
      throw error;
    }
    this.claimed = true;
  }

  private fenced(holder: { writer: string; at: string } | undefined): StoreUnavailableError {
    const who = holder ? `process ${holder.writer} at ${holder.at}` : 'another process';
    return new StoreUnavailableError(`${who} claimed this log after this process did: this one no longer writes (stop it; the newer one serves)`);
  }
}
