import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SubmitActCommand } from '../application/commands/submit-act.command.js';
import { SubmitBatchCommand, type BatchItemResult } from '../application/commands/submit-batch.command.js';
import { LedgerError } from '../domain/errors.js';
import { LedgerMetrics } from './metrics.js';
import { ERROR_SCHEMA, SUBMISSION_SCHEMA } from './openapi-schemas.js';

export const MAX_BATCH = 1000;

@ApiTags('acts')
@Controller('v1/acts')
export class ActsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly metrics: LedgerMetrics,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Record one signed act', description: 'A bare envelope, or {act, disclosures} with clear values of committed fields.' })
  @ApiBody({ schema: SUBMISSION_SCHEMA })
  @ApiResponse({ status: 201, description: 'recorded: {seq, recordedAt, leaf, receipt}' })
  @ApiResponse({ status: 200, description: 'idempotent replay of an act already recorded' })
  @ApiResponse({ status: 400, schema: ERROR_SCHEMA, description: 'malformed, schema, weak_key, commitment_mismatch' })
  @ApiResponse({ status: 401, schema: ERROR_SCHEMA, description: 'bad_signature, unknown_key' })
  @ApiResponse({ status: 403, schema: ERROR_SCHEMA, description: 'not_allowed' })
  @ApiResponse({ status: 409, schema: ERROR_SCHEMA, description: 'invalid_state, id_reused' })
  @ApiResponse({ status: 422, schema: ERROR_SCHEMA, description: 'clock_skew' })
  async submit(@Body() body: unknown, @Res({ passthrough: true }) res: { status(code: number): unknown }) {
    const { status, ...accepted } = await this.commands.execute(new SubmitActCommand(body));
    res.status(status);
    return accepted;
  }

  @Post('batch')
  @HttpCode(200)
  @ApiOperation({ summary: `Record up to ${MAX_BATCH} acts, each accepted or rejected on its own, in order` })
  @ApiBody({ schema: { type: 'object', required: ['acts'], properties: { acts: { type: 'array', maxItems: MAX_BATCH, items: SUBMISSION_SCHEMA } } } })
  @ApiResponse({ status: 200, description: '{results: [{index, status, seq, recordedAt, leaf, receipt} | {index, status, error}]}' })
  async submitBatch(@Body() body: unknown) {
    const acts = (body as { acts?: unknown })?.acts;
    if (!Array.isArray(acts)) throw new LedgerError('schema', 'acts must be an array of submissions', 'acts');
    if (acts.length > MAX_BATCH) throw new LedgerError('too_large', `acts holds ${acts.length} submissions; at most ${MAX_BATCH}`, 'acts');
    const results: BatchItemResult[] = await this.commands.execute(new SubmitBatchCommand(acts));
    for (const result of results) if ('error' in result) this.metrics.rejected(result.error.code);
    return { results };
  }
}
