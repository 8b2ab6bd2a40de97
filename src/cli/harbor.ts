#!/usr/bin/env node
import { useNodeCrypto } from '../backends/node-crypto.js';
import { processIo } from './io.js';
import { runCli } from './program.js';

// src/audit hashes with node:crypto in this process (its default is the portable one).
useNodeCrypto();

const code = await runCli(process.argv.slice(2), processIo);
// `serve` keeps running; every other command ends with its exit code.
if (process.argv[2] !== 'serve' || code !== 0) process.exit(code);
