/**
 * Asks one report again as soon as it answers, for a given time or a given number of times, in its
 * own process (so that reading the reports never delays the process that measures the appends, and
 * the times measured are the server's and a fresh client's, not those of a bench process holding a
 * generated ledger in its heap). Prints the times as JSON.
 * Usage: node report-loop.js <url> <seconds> [times]
 */
import { getToEnd } from './http-load.js';

const [url, seconds, count] = process.argv.slice(2);

const until = performance.now() + Number(seconds) * 1000;
const most = count === undefined ? Infinity : Number(count);
const times: number[] = [];
while (performance.now() < until && times.length < most) {
  const t0 = performance.now();
  await getToEnd(url);
  times.push(performance.now() - t0);
}
process.stdout.write(JSON.stringify(times));
