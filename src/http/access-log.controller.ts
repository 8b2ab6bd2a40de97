import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ACCESS_LOG, type AccessLog } from '../application/ports/access-log.js';
import { accessLogScope, refusalToError, type Reader } from '../domain/read-rules.js';
import { LedgerError } from '../domain/errors.js';
import { READ_POLICY, ReaderOf, ReadPolicy, Reads } from './read-access.js';
import { parseInteger } from './read.controller.js';

@ApiTags('personal data')
@Controller('v1/access-log')
export class AccessLogController {
  constructor(
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLog,
    @Inject(READ_POLICY) private readonly policy: ReadPolicy,
  ) {}

  @Get()
  @Reads('access_log')
  @ApiOperation({ summary: 'Releases of clear personal data (signed requests only): authorities read all, a party the releases of its own data' })
  @ApiQuery({ name: 'subject', required: false })
  @ApiQuery({ name: 'case', required: false })
  @ApiQuery({ name: 'limit', required: false, description: '1-1000, default 100' })
  @ApiQuery({ name: 'cursor', required: false })
  list(@ReaderOf() reader: Reader, @Query('subject') subject?: string, @Query('case') caseId?: string, @Query('limit') limit = '100', @Query('cursor') cursor?: string) {
    const scope = accessLogScope(reader, this.policy.context());
    if ('status' in scope) throw refusalToError(scope);
    if ('subject' in scope && subject !== undefined && subject !== scope.subject) {
      throw new LedgerError('not_allowed', `${scope.subject} reads the releases of its own data only`, 'subject', 'AccessLogToAuthoritiesAndSubjects');
    }
    const filter = { ...('subject' in scope ? { subject: scope.subject } : subject !== undefined ? { subject } : {}), ...(caseId !== undefined ? { case: caseId } : {}) };
    return this.accessLog.list(filter, parseInteger(limit, 'limit', 1, 1000), cursor);
  }
}
