import { join } from 'node:path';
import { Command } from 'commander';
import { parseVerifierKey, type VerifierKey } from '../audit/checkpoint.js';
import { witnessVerifierKey } from '../audit/cosignature.js';
import { assertKeyName } from '../audit/note-key.js';
import { verifyStrictNode } from '../backends/node-crypto.js';
import { signNacl } from '../audit/ed25519-nacl.js';
import { Witness } from '../witness/witness.js';
import { CliError, type CliIo } from './io.js';
import { readKeyFile } from './key-file.js';

interface ServeOptions {
  key: string;
  name: string;
  log: string[];
  dataDir: string;
  port: string;
  host: string;
}

/** `harbor witness serve`: a C2SP tlog-witness with its own key, cosigning the logs it is told to follow. */
export function witnessCommand(io: CliIo): Command {
  const witness = new Command('witness').description('an independent witness that cosigns consistent checkpoints (C2SP tlog-witness)');
  witness
    .command('serve')
    .description('serve POST /add-checkpoint and GET /<origin hash>/checkpoint until stopped')
    .requiredOption('--key <file>', 'the witness key file (harbor keys new --out …)')
    .requiredOption('--name <name>', 'the witness name in its cosignatures, e.g. witness.example/w1')
    .requiredOption('--log <vkey>', 'a log to cosign: its verifier key (GET /v1/log/key → vkey); repeat for more', (value: string, all: string[] = []) => [...all, value])
    .option('--data-dir <dir>', 'where the witness keeps its state (witness.db)', './witness-data')
    .option('--port <port>', 'port to listen on', '3100')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (options: ServeOptions) => {
      const keys = readKeyFile(options.key);
      try {
        assertKeyName(options.name);
      } catch {
        throw new CliError(`--name ${JSON.stringify(options.name)} must be one word without spaces or '+', e.g. witness.example/w1`, 2);
      }
      const logs = new Map<string, VerifierKey>();
      for (const vkey of options.log) {
        const key = parseVerifierKey(vkey);
        if (!key) throw new CliError(`--log ${vkey} is not a log's verifier key (origin+keyid+base64)`, 2);
        logs.set(key.name, key);
      }
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new CliError(`--port must be a port number, got ${options.port}`, 2);
      // Loaded here, not at start: every other command answers without the server's modules.
      const [{ witnessServer }, { SqliteWitnessState }] = await Promise.all([import('../http/witness-server.js'), import('../store/sqlite/witness-state.js')]);
      const state = new SqliteWitnessState(join(options.dataDir, 'witness.db'));
      const identity = { name: options.name, publicKey: keys.publicKey, sign: (m: Uint8Array) => signNacl(keys.secretKey, m) };
      const vkey = witnessVerifierKey(options.name, keys.publicKey);
      const app = witnessServer(new Witness(identity, logs, state, () => new Date(), verifyStrictNode), { vkey, logs: options.log });
      const address = await app.listen({ port, host: options.host });
      io.out(`witness ${options.name} listening on ${address}\nwitness key: ${vkey}`);
      await new Promise<void>((resolve) => {
        const stop = () => void app.close().then(() => resolve());
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      state.close();
    });
  return witness;
}
