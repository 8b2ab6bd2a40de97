import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CompareCaseQuery, GetCaseQuery, GetPartyQuery, ListEntriesQuery } from '../application/queries/queries.js';
import { PACKS, type Pack } from '../domain/acts/primitives.js';
import { LedgerError } from '../domain/errors.js';
import { Reads } from './read-access.js';

@ApiTags('read')
@Controller('v1')
export class ReadController {
  constructor(private readonly queries: QueryBus) {}

  @Get('parties/:id')
  @Reads('parties')
  @ApiOperation({ summary: 'A party: roles, provider kind and flags, key history' })
  party(@Param('id') id: string) {
    return this.queries.execute(new GetPartyQuery(id));
  }

  @Get('cases/:id')
  @Reads('cases')
  @ApiOperation({ summary: 'A case: state, parties and timeline, as of a time' })
  @ApiQuery({ name: 'asOf', required: false, description: 'RFC 3339 time; default: everything recorded' })
  case(@Param('id') id: string, @Query('asOf') asOf?: string) {
    return this.queries.execute(new GetCaseQuery(id, asOf === undefined ? undefined : parseTime(asOf, 'asOf')));
  }

  @Get('cases/:id/compare')
  @Reads('cases')
  @ApiOperation({ summary: "The case's facts judged under each regime side by side, each classing the provider's service its own way" })
  @ApiQuery({ name: 'packs', required: false, description: `comma-separated pack ids; default all: ${PACKS.join(',')}` })
  @ApiQuery({ name: 'asOf', required: false, description: 'RFC 3339 time; default: everything recorded' })
  compare(@Param('id') id: string, @Query('packs') packs?: string, @Query('asOf') asOf?: string) {
    return this.queries.execute(new CompareCaseQuery(id, parsePacks(packs), asOf === undefined ? undefined : parseTime(asOf, 'asOf')));
  }

  @Get('log/entries')
  @Reads('log')
  @ApiOperation({ summary: 'Log entries in seq order with their exact bytes, for monitors and replicas' })
  @ApiQuery({ name: 'from', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  entries(@Query('from') from = '0', @Query('limit') limit = '100') {
    return this.queries.execute(new ListEntriesQuery(parseInteger(from, 'from', 0, Number.MAX_SAFE_INTEGER), parseInteger(limit, 'limit', 1, 1000)));
  }
}

/** Pack ids, comma-separated, each known; none given: all of them. */
export function parsePacks(text: string | undefined): Pack[] {
  if (text === undefined) return [...PACKS];
  const ids = text.split(',').map((p) => p.trim());
  const unknown = ids.filter((p) => !(PACKS as readonly string[]).includes(p));
  if (!ids.length || unknown.length || new Set(ids).size !== ids.length) throw new LedgerError('schema', `packs must be distinct pack ids from ${PACKS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}`, 'packs');
  return ids as Pack[];
}

export function parseInteger(text: string, field: string, min: number, max: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new LedgerError('schema', `${field} must be an integer from ${min} to ${max}`, field);
  return value;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 time with its zone (`Z` or an offset) on a real calendar day: `2026-02-30` is refused,
 * not read as 2 March, and a time without a zone is refused, not read in the server's zone.
 */
export function parseTime(text: string, field: string): Date {
  const m = RFC3339.exec(text);
  const refuse = () => new LedgerError('schema', `${field} must be an RFC 3339 time with its zone on a real day, e.g. 2026-11-27T18:00:00.000Z`, field);
  if (!m) throw refuse();
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const calendar = new Date(Date.UTC(year, month - 1, day));
  const realDay = calendar.getUTCFullYear() === year && calendar.getUTCMonth() === month - 1 && calendar.getUTCDate() === day;
  const offsetOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59);
  if (!realDay || hour > 23 || minute > 59 || second > 59 || !offsetOk) throw refuse();
  return new Date(Date.parse(text));
}
