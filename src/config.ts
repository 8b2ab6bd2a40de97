import { parseWitnessKey } from './audit/cosignature.js';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { MAX_ACT_BYTES } from './application/submission.js';
import { decodeBase64 } from './audit/encoding.js';

export interface HarborConfig {
  port: number;
  host: string;
  dataDir: string;
  /** `sqlite:<path>`, `memory:` or `esdb://…` */
  store: string;
  /** The projection store (HARBOR_PROJECTIONS): a SQLite path, or `memory:`; beside the log by default. */
  projections: string;
  /** Keys of personal data disclosed in acts, for logs on EventStoreDB/KurrentDB (HARBOR_DISCLOSURE_KEYS): a SQLite file. */
  disclosureKeys: string;
  /** The esdb adapter's side index (HARBOR_ESDB_INDEX): a SQLite file, derived from the ledger stream. */
  esdbIndex: string;
  /** Cross-case reads on a worker thread (HARBOR_READ_WORKER=0 keeps them on the main thread); SQLite logs only. */
  readWorker: boolean;
  /** How often the projector follows the log when nobody asks (HARBOR_PROJECTIONS_FOLLOW_MS); queries always catch up first. */
  projectionsFollowMs: number;
  origin: string;
  testClock: boolean;
  /** Where the test clock starts (HARBOR_TEST_CLOCK_START); the real time when unset. */
  testClockStart?: Date;
  logLevel: string;
  /** Largest body of POST /v1/acts and of POST /v1/acts/batch, in bytes. */
  maxActBytes: number;
  maxBatchBytes: number;
  /** A request (headers and body) must be received within this many milliseconds (HARBOR_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
  /** How often the checkpointer signs a new tree head while the log grows (HARBOR_CHECKPOINT_INTERVAL_MS). */
  checkpointIntervalMs: number;
  /** Worker threads for signature checks and ledger signatures; 0 keeps them on the writer's thread. */
  cryptoWorkers: number;
  /** Trust anchors (HARBOR_TRUST_ANCHORS): party id -> the base64 Ed25519 key it must register with. */
  trustAnchors: Map<string, string>;
  /** Deployment-wide days for default-SLA duties, by obligation key (HARBOR_SLAS, JSON). */
  deploymentSlas: Record<string, number>;
  /** HARBOR_READS: `public` (default) or `private` (the log, cases and reports to registered parties only). */
  reads: 'public' | 'private';
  /** Operators (HARBOR_OPERATORS): party id -> the base64 Ed25519 key it registered with. */
  operators: Map<string, string>;
  /** The URL clients address (HARBOR_PUBLIC_URL, e.g. behind a proxy): signed requests cover it. */
  publicUrl?: string;
  /** Releases of clear personal data (HARBOR_ACCESS_LOG): a SQLite file, or `memory:`. */
  accessLog: string;
  /** How old a request signature's `created` may be, in seconds (HARBOR_SIGNATURE_MAX_AGE_S). */
  signatureMaxAgeSeconds: number;
  /** Requests a minute per identity (signed) or address (HARBOR_RATE_READS, HARBOR_RATE_WRITES); 0 turns a limit off. */
  rateLimits: { readsPerMinute: number; writesPerMinute: number };
  /** Origins allowed to call from a browser (HARBOR_CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
  /** Witnesses each new checkpoint is submitted to (HARBOR_WITNESSES: `<witness vkey>@<url>`, comma-separated). */
  witnesses: { url: string; vkey: string }[];
  /** How long a witness may take to cosign (HARBOR_WITNESS_TIMEOUT_MS). */
  witnessTimeoutMs: number;
  /** The witnesses' cosignatures of the ledger's checkpoints (HARBOR_COSIGNATURES): a SQLite file, or `memory:`. */
  cosignatures: string;
}

/** Reads the configuration of DESIGN.md §10 from the environment; throws naming the variable at fault. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): HarborConfig {
  const dataDir = env.HARBOR_DATA_DIR ?? './data';
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got ${env.PORT}`);
  const testClock = env.HARBOR_TEST_CLOCK === '1';
  const cryptoWorkers = Number(env.HARBOR_CRYPTO_WORKERS ?? Math.max(1, availableParallelism() - 1));
  if (!Number.isInteger(cryptoWorkers) || cryptoWorkers < 0 || cryptoWorkers > 64) throw new Error(`HARBOR_CRYPTO_WORKERS must be 0-64, got ${env.HARBOR_CRYPTO_WORKERS}`);
  if (testClock && env.NODE_ENV === 'production') throw new Error('HARBOR_TEST_CLOCK=1 is refused when NODE_ENV=production');
  const deploymentSlas = parseSlas(env.HARBOR_SLAS);
  const trustAnchors = parseTrustAnchors(env.HARBOR_TRUST_ANCHORS);
  const checkpointIntervalMs = Number(env.HARBOR_CHECKPOINT_INTERVAL_MS ?? 1000);
  if (!Number.isInteger(checkpointIntervalMs) || checkpointIntervalMs < 100) throw new Error(`HARBOR_CHECKPOINT_INTERVAL_MS must be an integer of at least 100, got ${env.HARBOR_CHECKPOINT_INTERVAL_MS}`);
  const requestTimeoutMs = Number(env.HARBOR_REQUEST_TIMEOUT_MS ?? 30_000);
  if (!Number.isInteger(requestTimeoutMs) || requestTimeoutMs < 100) throw new Error(`HARBOR_REQUEST_TIMEOUT_MS must be an integer of at least 100, got ${env.HARBOR_REQUEST_TIMEOUT_MS}`);
  const testClockStart = parseClockStart(env.HARBOR_TEST_CLOCK_START);
  const store = env.HARBOR_STORE ?? `sqlite:${join(dataDir, 'ledger.db')}`;
  const projectionsFollowMs = Number(env.HARBOR_PROJECTIONS_FOLLOW_MS ?? 5000);
  const reads = env.HARBOR_READS ?? 'public';
  if (reads !== 'public' && reads !== 'private') throw new Error(`HARBOR_READS must be public or private, got ${reads}`);
  if (!Number.isInteger(projectionsFollowMs) || projectionsFollowMs < 100) throw new Error(`HARBOR_PROJECTIONS_FOLLOW_MS must be an integer of at least 100, got ${env.HARBOR_PROJECTIONS_FOLLOW_MS}`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    store,
    projections: env.HARBOR_PROJECTIONS ?? defaultProjections(store, dataDir),
    disclosureKeys: env.HARBOR_DISCLOSURE_KEYS ?? join(dataDir, 'disclosure-keys.db'),
    esdbIndex: env.HARBOR_ESDB_INDEX ?? join(dataDir, 'esdb-index.db'),
    readWorker: env.HARBOR_READ_WORKER !== '0',
    projectionsFollowMs,
    origin: env.HARBOR_LOG_ORIGIN ?? 'harbor-ledger.local/log',
    testClock,
    testClockStart,
    logLevel: env.LOG_LEVEL ?? 'info',
    // The body of one act: the act's own limit (MAX_ACT_BYTES) and room for its disclosures.
    maxActBytes: MAX_ACT_BYTES + 64 * 1024,
    maxBatchBytes: 32 * 1024 * 1024,
    cryptoWorkers,
    requestTimeoutMs,
    checkpointIntervalMs,
    trustAnchors,
    deploymentSlas,
    reads,
    operators: parseTrustAnchors(env.HARBOR_OPERATORS, 'HARBOR_OPERATORS'),
    publicUrl: parsePublicUrl(env.HARBOR_PUBLIC_URL),
    accessLog: env.HARBOR_ACCESS_LOG ?? (store.startsWith('memory') ? 'memory:' : join(dataDir, 'access-log.db')),
    signatureMaxAgeSeconds: wholeNumber(env, 'HARBOR_SIGNATURE_MAX_AGE_S', 300, 1),
    rateLimits: { readsPerMinute: wholeNumber(env, 'HARBOR_RATE_READS', 600, 0), writesPerMinute: wholeNumber(env, 'HARBOR_RATE_WRITES', 6000, 0) },
    corsOrigins: parseOrigins(env.HARBOR_CORS_ORIGINS),
    witnesses: parseWitnesses(env.HARBOR_WITNESSES),
    witnessTimeoutMs: wholeNumber(env, 'HARBOR_WITNESS_TIMEOUT_MS', 5000, 1),
    cosignatures: env.HARBOR_COSIGNATURES ?? (store.startsWith('memory') ? 'memory:' : join(dataDir, 'cosignatures.db')),
  };
}

/** `<witness vkey>@<http(s) URL prefix>` entries separated by commas (a vkey holds no `@`). */
function parseWitnesses(text: string | undefined): { url: string; vkey: string }[] {
  return (text ?? '').split(',').map((item) => item.trim()).filter(Boolean).map((item) => {
    const at = item.indexOf('@');
    const [vkey, url] = [item.slice(0, at), item.slice(at + 1).replace(/\/+$/, '')];
    if (at < 1 || !parseWitnessKey(vkey) || !URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new Error(`HARBOR_WITNESSES must list <witness vkey>@<URL> entries (the vkey as harbor witness serve prints it), got ${JSON.stringify(item)}`);
    }
    return { url, vkey };
  });
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const value = Number(env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer of at least ${min}, got ${env[name]}`);
  return value;
}

function parsePublicUrl(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  const url = URL.canParse(text) ? new URL(text) : undefined;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.pathname !== '/' || url.search || url.hash) {
    throw new Error(`HARBOR_PUBLIC_URL must be the ledger's base URL such as https://ledger.example.org, got ${text}`);
  }
  return url.origin;
}

function parseOrigins(text: string | undefined): string[] {
  const origins = (text ?? '').split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    if (!URL.canParse(origin) || new URL(origin).origin !== origin) throw new Error(`HARBOR_CORS_ORIGINS must list origins such as https://console.example.org, got ${origin}`);
  }
  return origins;
}

/** Beside a SQLite log; in memory beside a memory log; in the data folder for a log on a server. */
function defaultProjections(store: string, dataDir: string): string {
  if (store.startsWith('sqlite:')) return join(dirname(store.slice('sqlite:'.length)), 'projections.db');
  if (store.startsWith('memory')) return 'memory:';
  return join(dataDir, 'projections.db');
}

function parseSlas(text: string | undefined): Record<string, number> {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error('HARBOR_SLAS must be JSON such as {"US.takedown": 1}');
  }
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
  if (!entries.length || entries.some(([key, days]) => !/^(US|EU|CN|JP)\.[A-Za-z]+$/.test(key) || !Number.isInteger(days) || (days as number) < 0)) {
    throw new Error('HARBOR_SLAS must map obligation keys to whole days, e.g. {"US.takedown": 1}');
  }
  return Object.fromEntries(entries) as Record<string, number>;
}

function parseClockStart(value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const start = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) || start.toISOString() !== value) {
    throw new Error(`HARBOR_TEST_CLOCK_START must be an RFC 3339 UTC time with milliseconds, got ${value}`);
  }
  return start;
}

/** `id=base64key` entries separated by commas or spaces (ids never hold `=`; keys may end in it). */
function parseTrustAnchors(text: string | undefined, variable = 'HARBOR_TRUST_ANCHORS'): Map<string, string> {
  const anchors = new Map<string, string>();
  for (const item of (text ?? '').split(/[\s,]+/).filter(Boolean)) {
    const at = item.indexOf('=');
    const [id, key] = [item.slice(0, at), item.slice(at + 1)];
    if (at < 1 || !/^(?!\.+$)[A-Za-z0-9._:-]{1,128}$/.test(id) || decodeBase64(key)?.length !== 32) {
      throw new Error(`${variable} must list party-id=<base64 Ed25519 public key> entries, got ${JSON.stringify(item)}`);
    }
    anchors.set(id, key);
  }
  return anchors;
}
