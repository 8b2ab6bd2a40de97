#!/usr/bin/env node
import { processIo } from './io.js';
import { runCli } from './program.js';

const code = await runCli(process.argv.slice(2), processIo);
// `serve` keeps running; every other command ends with its exit code.
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code);
