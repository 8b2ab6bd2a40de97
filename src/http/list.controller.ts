import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { asSent } from './compliance.controller.js';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { READ_QUERIES, type ReadQueries } from '../application/read-queries.js';
import type { CaseFilter } from '../application/ports/projection-store.js';
import { ROLES, type Role } from '../domain/acts/primitives.js';
import { CASE_PHASES, type CasePhase } from '../domain/case/phase.js';
import { LedgerError } from '../domain/errors.js';
import { OBLIGATION_STATUSES, type ObligationStatus } from '../domain/jurisdictions/obligation.js';
import { MISUSE_STATUSES } from '../domain/projections/notifier-conduct.js';
import { REPEAT_INFRINGER_STATUSES } from '../domain/projections/repeat-infringement.js';
import { parseInteger, parseTime } from './read.controller.js';
import { Reads } from './read-access.js';

type CaseQuery = Partial<Record<'provider' | 'notifier' | 'user' | 'pack' | 'state' | 'obligation' | 'dueBefore' | 'openedFrom' | 'openedTo' | 'limit' | 'cursor', string>>;

@ApiTags('lists')
@Controller('v1')
export class ListController {
  constructor(@Inject(READ_QUERIES) private readonly listings: ReadQueries) {}

  @Get('cases')
  @Reads('cases')
  @ApiOperation({ summary: 'Cases by provider, notifier, user, pack, state, obligation status and dates: {items, total, next, asOf, position}, oldest first' })
  @ApiQuery({ name: 'state', required: false, enum: CASE_PHASES })
  @ApiQuery({ name: 'obligation', required: false, enum: OBLIGATION_STATUSES, description: 'cases with an obligation of this status now' })
  @ApiQuery({ name: 'dueBefore', required: false, description: 'with obligation: windows closing before this RFC 3339 time' })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  async cases(@Query() raw: Record<string, unknown>, @Res({ passthrough: true }) reply: FastifyReply) {
    const query = singleValues(raw) as CaseQuery;
    const filter: CaseFilter = {
      provider: query.provider,
      notifier: query.notifier,
      user: query.user,
      pack: query.pack,
      phase: oneOf(query.state, CASE_PHASES, 'state') as CasePhase | undefined,
      obligation: oneOf(query.obligation, OBLIGATION_STATUSES, 'obligation') as ObligationStatus | undefined,
      dueBefore: instant(query.dueBefore, 'dueBefore'),
      openedFrom: instant(query.openedFrom, 'openedFrom'),
      openedTo: instant(query.openedTo, 'openedTo'),
    };
    if (filter.dueBefore && !filter.obligation) throw new LedgerError('schema', 'dueBefore needs obligation (e.g. obligation=pending)', 'dueBefore');
    const defined = Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined)) as CaseFilter;
    return asSent(reply, await this.listings.cases(defined, limitOf(query.limit), query.cursor));
  }

  @Get('parties')
  @Reads('parties')
  @ApiOperation({ summary: 'Registered parties, by role' })
  @ApiQuery({ name: 'role', required: false, enum: ROLES })
  async parties(@Res({ passthrough: true }) reply: FastifyReply, @Query('role') role?: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    return asSent(reply, await this.listings.parties(oneOf(role, ROLES, 'role') as Role | undefined, limitOf(limit), once(cursor, 'cursor')));
  }

  @Get('notifiers')
  @Reads('reports')
  @ApiOperation({ summary: 'Notifiers whose misuse standing with some provider has this status (e.g. warning_due)' })
  @ApiQuery({ name: 'misuse', required: true, enum: MISUSE_STATUSES })
  async notifiers(@Res({ passthrough: true }) reply: FastifyReply, @Query('misuse') misuse?: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    const status = oneOf(misuse, MISUSE_STATUSES, 'misuse');
    if (!status) throw new LedgerError('schema', `misuse is required: one of ${MISUSE_STATUSES.join(', ')}`, 'misuse');
    return asSent(reply, await this.listings.notifiers(status as (typeof MISUSE_STATUSES)[number], limitOf(limit), once(cursor, 'cursor')));
  }

  @Get('repeat-infringers')
  @Reads('reports')
  @ApiOperation({ summary: 'Users with this repeat-infringer status at any provider (or one: provider=)' })
  @ApiQuery({ name: 'status', required: true, enum: REPEAT_INFRINGER_STATUSES })
  async repeatInfringers(@Res({ passthrough: true }) reply: FastifyReply, @Query('status') status?: string, @Query('provider') provider?: string, @Query('limit') limit?: string, @Query('cursor') cursor?: string) {
    const wanted = oneOf(status, REPEAT_INFRINGER_STATUSES, 'status');
    if (!wanted) throw new LedgerError('schema', `status is required: one of ${REPEAT_INFRINGER_STATUSES.join(', ')}`, 'status');
    return asSent(reply, await this.listings.repeatInfringerList(wanted as (typeof REPEAT_INFRINGER_STATUSES)[number], once(provider, 'provider'), limitOf(limit), once(cursor, 'cursor')));
  }
}

const CASE_QUERY = new Set(['provider', 'notifier', 'user', 'pack', 'state', 'obligation', 'dueBefore', 'openedFrom', 'openedTo', 'limit', 'cursor']);

/** Each parameter once, and only those the list knows: a typo must not silently widen the list. */
function singleValues(raw: Record<string, unknown>): Record<string, string> {
  for (const [name, value] of Object.entries(raw)) {
    if (!CASE_QUERY.has(name)) throw new LedgerError('schema', `unknown parameter ${name}; the case list takes ${[...CASE_QUERY].join(', ')}`, name);
    if (typeof value !== 'string') throw new LedgerError('schema', `${name} must be given once`, name);
  }
  return raw as Record<string, string>;
}

function once(value: unknown, field: string): string | undefined {
  if (value !== undefined && typeof value !== 'string') throw new LedgerError('schema', `${field} must be given once`, field);
  return value;
}

function oneOf(value: unknown, allowed: readonly string[], field: string): string | undefined {
  if (once(value, field) === undefined) return undefined;
  if (!allowed.includes(value as string)) throw new LedgerError('schema', `${field} must be one of ${allowed.join(', ')}`, field);
  return value as string;
}

function instant(value: string | undefined, field: string): string | undefined {
  return value === undefined ? undefined : parseTime(value, field).toISOString();
}

function limitOf(value: unknown): number {
  return once(value, 'limit') === undefined ? 100 : parseInteger(value as string, 'limit', 1, 1000);
}
