/**
 * Asks one report again as soon as it answers, for a given time or a given number of times, in its
 * own process (so that reading the reports never delays the process that measures the appends, and
 * the times measured are the server's and a fresh client's, not those of a bench process holding a
 * generated ledger in its heap). Prints the times as JSON.
 * Usage: node report-loop.js <url> <seconds> [times]
 */
import { Agent, get } from 'node:http';

const [url, seconds, count] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true });

/** One GET read to its end with node:http (a client far lighter than fetch, whose first large body costs it 100 ms here). */
function ask(): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const until = performance.now() + Number(seconds) * 1000;
const most = count === undefined ? Infinity : Number(count);
const times: number[] = [];
while (performance.now() < until && times.length < most) {
  const t0 = performance.now();
  await ask();
  times.push(performance.now() - t0);
}
agent.destroy();
process.stdout.write(JSON.stringify(times));
