import { Command } from 'commander';
import type { Comparison } from '../domain/projections/compare.js';
import { formatComparison } from '../verdict/compare-text.js';
import { CliError, isRfc3339, type CliIo } from './io.js';
import { getJson, signerOf, withReader } from './report.command.js';

/** `harbor compare <case>`: the case's facts judged under every regime (or those named) side by side. */
export function compareCommand(io: CliIo): Command {
  return withReader(new Command('compare'))
    .description("judge a case's facts under every regime side by side, each classing the provider's service its own way")
    .argument('<case>', 'case id')
    .option('--packs <ids>', 'comma-separated pack ids (default: all)')
    .option('--as-of <time>', 'as the case stood at this RFC 3339 time')
    .option('--json', 'print the comparison as JSON')
    .action(async (caseId: string, options: { url: string; packs?: string; asOf?: string; json?: boolean; as?: string; key?: string }) => {
      if (options.asOf !== undefined && !isRfc3339(options.asOf)) throw new CliError('--as-of must be an RFC 3339 time with its zone, e.g. 2026-11-30T12:00:00Z', 2);
      const params = new URLSearchParams(Object.entries({ packs: options.packs, asOf: options.asOf }).filter((e): e is [string, string] => e[1] !== undefined));
      const query = params.size ? `?${params.toString()}` : '';
      const comparison = (await getJson(`${options.url.replace(/\/$/, '')}/v1/cases/${encodeURIComponent(caseId)}/compare${query}`, signerOf(options))) as Comparison;
      io.out(options.json ? JSON.stringify(comparison, null, 2) : formatComparison(comparison));
    });
}
