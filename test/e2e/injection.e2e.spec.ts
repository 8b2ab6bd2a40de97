import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ActsController } from '../../src/http/acts.controller.js';
import { OpsController } from '../../src/http/ops.controller.js';
import { ReadController } from '../../src/http/read.controller.js';
import { startLedger, type Harness } from '../support/harness.js';

/**
 * Nest injects by constructor type only when decorator metadata is emitted; without it, it injects
 * undefined silently. This test fails if the transform stops emitting it.
 */
describe('dependency injection by type', () => {
  let ledger: Harness;
  beforeAll(async () => {
    ledger = await startLedger();
  });
  afterAll(async () => ledger.close());

  it('gives controllers their buses and services', () => {
    const acts = ledger.app.get(ActsController) as unknown as { commands: unknown };
    const read = ledger.app.get(ReadController) as unknown as { queries: unknown };
    const ops = ledger.app.get(OpsController) as unknown as Record<string, unknown>;
    expect(acts.commands).toBeInstanceOf(CommandBus);
    expect(read.queries).toBeInstanceOf(QueryBus);
    expect(ops.reader).toBeDefined();
    expect(ops.key).toBeDefined();
    expect(ops.metrics).toBeDefined();
  });
});
