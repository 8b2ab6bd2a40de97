import { Command, CommanderError } from 'commander';
import { auditCommand } from './audit.command.js';
import { witnessCommand } from './witness.command.js';
import { exportCommand } from './export.command.js';
import { migrateCommand } from './migrate.command.js';
import { casesCommand, reportCommand } from './report.command.js';
import { projectionsCommand } from './projections.command.js';
import { accessLogCommand, dossierCommand, fetchCommand, showCommand } from './personal-data.command.js';
import { checkCommand } from './check.command.js';
import { compareCommand } from './compare.command.js';
import { keysCommand, signCommand, submitCommand, verifyCommand } from './commands.js';
import { CliError, type CliIo } from './io.js';

/** The `harbor` command line (DESIGN.md §7). Commands that verify never boot Nest. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('harbor')
    .description('Safe Harbor Ledger: signed, tamper-evident records of notice-and-action procedures')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
  program.addCommand(keysCommand(io));
  program.addCommand(signCommand(io));
  program.addCommand(submitCommand(io));
  program.addCommand(verifyCommand(io));
  program.addCommand(auditCommand(io));
  program.addCommand(reportCommand(io));
  program.addCommand(casesCommand(io));
  program.addCommand(showCommand(io));
  program.addCommand(fetchCommand(io));
  program.addCommand(dossierCommand(io)); // harbor dossier <provider> (DESIGN.md §7): the same as fetch dossier
  program.addCommand(compareCommand(io));
  program.addCommand(checkCommand(io));
  program.addCommand(accessLogCommand(io));
  program.addCommand(projectionsCommand(io));
  program.addCommand(migrateCommand(io));
  program.addCommand(witnessCommand(io));
  program.addCommand(exportCommand(io));
  program
    .command('serve')
    .description('run the ledger (same as npm start; configured by the environment, see README)')
    .action(async () => {
      const { serve } = await import('../main.js');
      await serve();
    });
  // Every command and subcommand reports through io and exits through runCli.
  const all = (c: Command): Command[] => [c, ...c.commands.flatMap(all)];
  for (const command of all(program)) command.exitOverride().configureOutput({ writeOut: io.out, writeErr: io.err });
  return program;
}

/** Runs the CLI and returns its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`harbor: ${error.message}`);
      return error.exitCode;
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.err(`harbor: ${(error as Error).message}`);
    return 2;
  }
}
