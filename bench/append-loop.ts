/**
 * Sends `count` signed notices to a provider, each its own request, at a steady rate, in a process of
 * its own: the latencies measured are then the server's and a light client's, never delayed by the
 * garbage collection of a bench process that generated a million entries. Prints the open loop's
 * figures as JSON.
 * Usage: node append-loop.js <acts url> <provider> <count> <rate per second> <tag>
 */
import { notices } from './acts.js';
import { openLoop } from './http-load.js';

const [url, provider, count, rate, tag] = process.argv.slice(2);
const bodies = notices(Number(count), tag, provider);
process.stdout.write(JSON.stringify(await openLoop(url, bodies, Number(rate))));
