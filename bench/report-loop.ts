/**
 * Asks one report again as soon as it answers, for a given time, in its own process (so that reading
 * the reports never delays the process that measures the appends). Prints the times as JSON.
 * Usage: node report-loop.js <url> <seconds>
 */
const [url, seconds] = process.argv.slice(2);
const until = performance.now() + Number(seconds) * 1000;
const times: number[] = [];
while (performance.now() < until) {
  const t0 = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  times.push(performance.now() - t0);
}
process.stdout.write(JSON.stringify(times));
