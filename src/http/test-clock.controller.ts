import { Body, Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CLOCK, ManualClock } from '../application/ports/clock.js';
import { LedgerError } from '../domain/errors.js';
import { parseTime } from './read.controller.js';
import { Reads } from './read-access.js';

/** Mounted only with HARBOR_TEST_CLOCK=1 (never in production): moves the ledger clock forward. */
@ApiTags('test clock')
@Controller('v1/test-clock')
export class TestClockController {
  constructor(@Inject(CLOCK) private readonly clock: ManualClock) {}

  @Get()
  @Reads('verification')
  now() {
    return { now: this.clock.now().toISOString() };
  }

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Set the ledger clock (forward only)', description: 'Body: {"now": "<RFC 3339>"}' })
  set(@Body() body: unknown) {
    const now = (body as { now?: unknown })?.now;
    if (typeof now !== 'string') throw new LedgerError('schema', 'now must be an RFC 3339 time', 'now');
    this.clock.set(parseTime(now, 'now'));
    return { now: this.clock.now().toISOString() };
  }
}
