import { Controller, Get, Headers, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { BundleBuilder } from '../application/bundle-builder.js';
import { Checkpointer } from '../application/checkpointer.js';
import { LogProofs } from '../application/log-proofs.js';
import { WitnessCosigning } from '../application/witnesses.js';
import { LEDGER_STORE, type LedgerStore } from '../application/ports/ledger-store.js';
import { toHex } from '../audit/encoding.js';
import { LedgerError } from '../domain/errors.js';
import { parseInteger } from './read.controller.js';
import type { Reader } from '../domain/read-rules.js';
import { READ_POLICY, ReaderOf, ReadPolicy, Reads } from './read-access.js';

@ApiTags('log')
@Controller('v1')
export class LogController {
  constructor(
    private readonly proofs: LogProofs,
    private readonly bundles: BundleBuilder,
    private readonly checkpointer: Checkpointer,
    private readonly cosigning: WitnessCosigning,
    @Inject(LEDGER_STORE) private readonly store: LedgerStore,
    @Inject(READ_POLICY) private readonly policy: ReadPolicy,
  ) {}

  @Get('log/checkpoint')
  @Reads('verification')
  @ApiOperation({ summary: 'The latest signed checkpoint: a C2SP signed note (text/plain), or JSON with Accept: application/json' })
  async checkpoint(@Headers('accept') accept: string | undefined, @Res({ passthrough: true }) res: { header(name: string, value: string): unknown }) {
    const checkpoint = await this.checkpointer.latest();
    const note = this.cosigning.noteOf(checkpoint);
    if (accept?.includes('application/json')) {
      const origin = checkpoint.note.slice(0, checkpoint.note.indexOf('\n'));
      return { origin, size: checkpoint.size, root: toHex(checkpoint.root), signedAt: checkpoint.signedAt, note, cosignatures: this.cosigning.cosignaturesOf(checkpoint.size) };
    }
    res.header('content-type', 'text/plain; charset=utf-8');
    return note;
  }

  @Get('log/checkpoints')
  @Reads('verification')
  @ApiOperation({ summary: "The log's history: its signed checkpoints newest first, a page at a time (next: the size to ask before)" })
  @ApiQuery({ name: 'before', required: false, description: 'only checkpoints of a smaller size (the previous page’s next)' })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 500, default 50' })
  async checkpoints(@Query('before') before?: string, @Query('limit') limit?: string) {
    const count = limit === undefined ? 50 : parseInteger(limit, 'limit', 1, 500);
    const page = await this.store.checkpointsBefore(before === undefined ? undefined : parseInteger(before, 'before', 0, Number.MAX_SAFE_INTEGER), count);
    const items = page.map((c) => ({ size: c.size, root: toHex(c.root), signedAt: c.signedAt, note: c.note }));
    const last = page.at(-1);
    return { items, ...(page.length === count && last && last.size > 0 ? { next: String(last.size) } : {}) };
  }

  @Get('log/proof/inclusion')
  @Reads('verification')
  @ApiOperation({ summary: 'Inclusion proof of entry seq in the tree of the given size (default: the latest checkpoint)' })
  @ApiQuery({ name: 'seq', required: true })
  @ApiQuery({ name: 'size', required: false })
  async inclusion(@Query('seq') seq?: string, @Query('size') size?: string) {
    return this.proofs.inclusion(required(seq, 'seq'), await this.sizeOrCheckpoint(size, 'size'));
  }

  @Get('log/proof/consistency')
  @Reads('verification')
  @ApiOperation({ summary: 'Consistency proof between two tree sizes (to defaults to the latest checkpoint)' })
  @ApiQuery({ name: 'from', required: true })
  @ApiQuery({ name: 'to', required: false })
  async consistency(@Query('from') from?: string, @Query('to') to?: string) {
    return this.proofs.consistency(required(from, 'from'), await this.sizeOrCheckpoint(to, 'to'));
  }

  /** A tree size from the query, or the latest checkpoint's when it is not given. */
  private async sizeOrCheckpoint(text: string | undefined, field: string): Promise<number> {
    return text === undefined ? ((await this.store.latestCheckpoint())?.size ?? 0) : parseInteger(text, field, 0, Number.MAX_SAFE_INTEGER);
  }

  @Get('cases/:id/bundle')
  @Reads('cases')
  @ApiOperation({ summary: 'A judgeable case bundle (harbor-ledger/bundle/v2) against a fresh checkpoint: the case, the party streams its judgement reads, the signed judgement of the ledger' })
  @ApiQuery({ name: 'disclose', required: false, description: 'true: include the clear values of committed personal data the signed reader may read (README "Who may read what"); each release is logged' })
  bundle(@Param('id') id: string, @ReaderOf() reader: Reader, @Query('disclose') disclose?: string) {
    if (disclose !== undefined && disclose !== 'true' && disclose !== 'false') throw new LedgerError('schema', 'disclose must be true or false', 'disclose');
    return this.bundles.build(id, disclose === 'true' ? { disclose: { reader, context: this.policy.context() } } : {});
  }
}

function required(text: string | undefined, field: string): number {
  if (text === undefined) throw new LedgerError('schema', `${field} is required`, field);
  return parseInteger(text, field, 0, Number.MAX_SAFE_INTEGER);
}
