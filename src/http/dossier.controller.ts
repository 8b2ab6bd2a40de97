import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DossierBuilder } from '../application/dossier-builder.js';
import { LedgerError } from '../domain/errors.js';
import { Reads } from './read-access.js';
import { parseTime } from './read.controller.js';

@ApiTags('compliance')
@Controller('v1')
export class DossierController {
  constructor(private readonly dossiers: DossierBuilder) {}

  @Get('providers/:id/dossier')
  @Reads('cases')
  @ApiOperation({ summary: "A provider's dossier (harbor-ledger/dossier/v1): its stream and every case opened against it in [from, to), each judgeable offline, with the ledger's signed list of those cases" })
  @ApiQuery({ name: 'from', required: false, description: 'RFC 3339: cases opened at or after this time' })
  @ApiQuery({ name: 'to', required: false, description: 'RFC 3339: cases opened before this time' })
  dossier(@Param('id') id: string, @Query('from') from?: string, @Query('to') to?: string) {
    const period = { from: from === undefined ? undefined : parseTime(from, 'from').toISOString(), to: to === undefined ? undefined : parseTime(to, 'to').toISOString() };
    if (period.from && period.to && period.from >= period.to) throw new LedgerError('schema', 'from must be before to', 'to');
    return this.dossiers.build(id, period);
  }
}
