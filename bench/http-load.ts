import { Agent, get, request } from 'node:http';
import { summarize, type LatencySummary } from './stats.js';

/** node:http with keep-alive: a much lighter client than fetch, so the load generator does not become the bottleneck. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One GET read to its end (the body dropped): resolves on 200, rejects otherwise. Lighter than fetch, whose first large body costs it 100 ms here. */
export function getToEnd(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

function post(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Closed loop: `clients` concurrent clients, each sending its next request when the last is answered. */
export async function closedLoop(url: string, bodies: string[], clients: number, actsPerBody: number): Promise<{ actsPerSecond: number } & LatencySummary> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < bodies.length) {
        const body = bodies[next++];
        const t0 = performance.now();
        const res = await post(url, body);
        latencies.push(performance.now() - t0);
        if (res.status >= 300 || res.text.includes('"error"')) throw new Error(`refused: ${res.status} ${res.text.slice(0, 300)}`);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { actsPerSecond: Math.round((bodies.length * actsPerBody) / seconds), ...summarize(latencies) };
}

/** Open loop: requests sent on a fixed schedule (`ratePerSecond`) whatever the answers, as real traffic arrives. */
export type OpenLoopFigures = { offeredPerSecond: number; achievedPerSecond: number } & LatencySummary;

export async function openLoop(url: string, bodies: string[], ratePerSecond: number): Promise<OpenLoopFigures> {
  const latencies: number[] = [];
  const inflight: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < bodies.length; i++) {
    const due = started + (i * 1000) / ratePerSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const t0 = performance.now();
    inflight.push(
      post(url, bodies[i]).then((res) => {
        latencies.push(performance.now() - t0);
        if (res.status >= 300) throw new Error(`refused: ${res.status} ${res.text.slice(0, 300)}`);
      }),
    );
  }
  await Promise.all(inflight);
  const seconds = (performance.now() - started) / 1000;
  return { offeredPerSecond: ratePerSecond, achievedPerSecond: Math.round(bodies.length / seconds), ...summarize(latencies) };
}
