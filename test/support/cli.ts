import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/program.js';

/** Runs `harbor <args>` in process: its exit code, standard output and standard error. */
export async function harbor(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { out: (t) => stdout.push(t), err: (t) => stderr.push(t), readStdin: async () => '' };
  const code = await runCli(args, io);
  return { code, out: stdout.join('\n'), err: stderr.join('\n') };
}
