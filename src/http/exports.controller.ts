import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Readable } from 'node:stream';
import { EXPORT_FORMATS, Exports, type ExportFormat } from '../application/exports.js';
import { CSV_TABLES, type CsvTable } from '../domain/exports/csv.js';
import { LedgerError } from '../domain/errors.js';
import { parseTime } from './read.controller.js';
import { Reads } from './read-access.js';

const TYPES: Record<ExportFormat, string> = { tdb: 'application/json', lumen: 'application/json', csv: 'text/csv; charset=utf-8' };

@ApiTags('exports')
@Controller('v1/exports')
export class ExportsController {
  constructor(private readonly exports: Exports) {}

  @Get(':format')
  @Reads('cases')
  @ApiOperation({ summary: 'The cases in a regulator’s format, streamed: tdb (EU Transparency Database statements of reasons, in batches of 100), lumen (notice records), csv (cases or obligations); each names the checkpoint it reflects' })
  @ApiQuery({ name: 'provider', required: false })
  @ApiQuery({ name: 'from', required: false, description: 'cases opened at or after this RFC 3339 time' })
  @ApiQuery({ name: 'to', required: false, description: 'cases opened before this RFC 3339 time' })
  @ApiQuery({ name: 'table', required: false, description: `csv only: ${CSV_TABLES.join(' or ')} (default cases)` })
  async export(
    @Param('format') format: string,
    @Res({ passthrough: true }) res: { header(name: string, value: string): unknown },
    @Query('provider') provider?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('table') table?: string,
  ) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new LedgerError('not_found', `no export format ${format}: ${EXPORT_FORMATS.join(', ')}`, 'format');
    if (table !== undefined && (format !== 'csv' || !(CSV_TABLES as readonly string[]).includes(table))) throw new LedgerError('schema', `table is for csv only, one of ${CSV_TABLES.join(', ')}`, 'table');
    const period = { from: from === undefined ? undefined : parseTime(from, 'from').toISOString(), to: to === undefined ? undefined : parseTime(to, 'to').toISOString() };
    const opened = await this.exports.open({ format: format as ExportFormat, table: table as CsvTable | undefined, provider, ...period });
    res.header('harbor-log-size', String(opened.checkpoint.size));
    res.header('harbor-export-cases', String(opened.cases));
    const name = `harbor-${format}${table ? `-${table}` : ''}-${opened.checkpoint.size}.${format === 'csv' ? 'csv' : 'json'}`;
    return new StreamableFile(Readable.from(opened.chunks), { type: TYPES[format as ExportFormat], disposition: `attachment; filename="${name}"` });
  }
}
