import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Positioned } from '../application/compliance-service.js';
import { RawJson, READ_QUERIES, type ReadQueries } from '../application/read-queries.js';
import { PACKS, type Pack } from '../domain/acts/primitives.js';
import { LedgerError } from '../domain/errors.js';
import { parseTime } from './read.controller.js';
import { Reads } from './read-access.js';

@ApiTags('compliance')
@Controller('v1')
export class ComplianceController {
  constructor(@Inject(READ_QUERIES) private readonly compliance: ReadQueries) {}

  @Get('providers/:id/compliance')
  @Reads('reports')
  @ApiOperation({ summary: "A provider's compliance per pack: obligations by key and status, items at risk or lost, prerequisites, safe-harbor verdict with every reason" })
  @ApiQuery({ name: 'asOf', required: false })
  @ApiQuery({ name: 'pack', required: false, enum: PACKS })
  providerCompliance(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply, @Query('asOf') asOf?: string, @Query('pack') pack?: string) {
    if (pack !== undefined && !(PACKS as readonly string[]).includes(pack)) throw new LedgerError('schema', `pack must be one of ${PACKS.join(', ')}`, 'pack');
    return positioned(reply, this.compliance.providerCompliance(id, optionalTime(asOf), pack as Pack | undefined));
  }

  @Get('providers/:id/repeat-infringers')
  @Reads('reports')
  @ApiOperation({ summary: 'Repeat infringement per user at this provider: strikes, active count, threshold, action due and taken' })
  @ApiQuery({ name: 'asOf', required: false })
  repeatInfringers(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply, @Query('asOf') asOf?: string) {
    return positioned(reply, this.compliance.repeatInfringers(id, optionalTime(asOf)));
  }

  @Get('notifiers/:id/conduct')
  @Reads('reports')
  @ApiOperation({ summary: "A notifier's notices by assessment and outcome, findings, and misuse standing with each provider" })
  @ApiQuery({ name: 'asOf', required: false })
  notifierConduct(@Param('id') id: string, @Res({ passthrough: true }) reply: FastifyReply, @Query('asOf') asOf?: string) {
    return positioned(reply, this.compliance.notifierConduct(id, optionalTime(asOf)));
  }
}

/** The log position an answer reflects, in the `Harbor-Log-Position` header: entries 0 to N - 1 were applied. */
export async function positioned<T>(reply: FastifyReply, answer: Promise<Positioned<T>>): Promise<T | Buffer> {
  const { position, value } = await answer;
  void reply.header('Harbor-Log-Position', String(position));
  return asSent(reply, value);
}

/** An answer serialized by the read worker is sent as the JSON text it is. */
export function asSent<T>(reply: FastifyReply, value: T): T | Buffer {
  if (!(value instanceof RawJson)) return value;
  void reply.type('application/json; charset=utf-8');
  return value.bytes;
}

function optionalTime(text: string | undefined): Date | undefined {
  return text === undefined ? undefined : parseTime(text, 'asOf');
}
