import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { GetCaseQuery, GetPartyQuery, ListEntriesQuery } from '../application/queries/queries.js';
import { LedgerError } from '../domain/errors.js';

@ApiTags('read')
@Controller('v1')
export class ReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get('parties/:id')
  @ApiOperation({ summary: 'A party: roles, provider kind and flags, key history' })
  party(@Param('id') id: string) {
    return this.queries.execute(new GetPartyQuery(id));
  }

  @Get('cases/:id')
  @ApiOperation({ summary: 'A case: state, parties and timeline, as of a time' })
  @ApiQuery({ name: 'asOf', required: false, description: 'RFC 3339 time; default: everything recorded' })
  case(@Param('id') id: string, @Query('asOf') asOf?: string) {
    return this.queries.execute(new GetCaseQuery(id, asOf === undefined ? undefined : parseTime(asOf, 'asOf')));
  }

  @Get('log/entries')
  @ApiOperation({ summary: 'Log entries in seq order with their exact bytes, for monitors and replicas' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  entries(@Query('from') from = '0', @Query('limit') limit = '100') {
    return this.queries.execute(new ListEntriesQuery(parseInteger(from, 'from', 0, Number.MAX_SAFE_INTEGER), parseInteger(limit, 'limit', 1, 1000)));
  }
}

export function parseInteger(text: string, field: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new LedgerError('schema', `${field} must be an integer from ${min} to ${max}`, field);
  return value;
}

export function parseTime(text: string, field: string): Date {
  const time = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || !Number.isFinite(time)) throw new LedgerError('schema', `${field} must be an RFC 3339 time`, field);
  return new Date(time);
}
