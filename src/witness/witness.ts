import { parseCheckpointBody, openCheckpoint, type VerifierKey } from '../audit/checkpoint.js';
import { cosign } from '../audit/cosignature.js';
import { decodeBase64, toHex } from '../audit/encoding.js';
import type { StrictVerify } from '../audit/ed25519-verify.js';
import { EMPTY_ROOT, equalBytes, HASH_SIZE } from '../audit/merkle-hash.js';
import { verifyConsistency } from '../audit/merkle-verify.js';
import { sha256 } from '../audit/sha256.js';
import { utf8 } from '../audit/encoding.js';

/** The latest checkpoint a witness cosigned for one log, with its cosignature. */
export interface CosignedState {
  size: number;
  root: Uint8Array;
  /** The log's note with the witness's cosignature appended. */
  note: string;
}

/** Where a witness keeps its state; `replace` must be atomic with its check of the old size. */
export interface WitnessStateStore {
  latest(origin: string): CosignedState | undefined;
  /** Stores `next` if the stored size is still `oldSize` (0: none stored); false when another request came first. */
  replace(origin: string, oldSize: number, next: CosignedState): boolean;
  byOriginHash(hash: string): CosignedState | undefined;
}

export interface WitnessReply {
  status: 200 | 400 | 403 | 404 | 409 | 422;
  contentType: string;
  body: string;
}

export interface WitnessIdentity {
  name: string;
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

const TEXT = 'text/plain; charset=utf-8';
const reply = (status: WitnessReply['status'], body: string, contentType = TEXT): WitnessReply => ({ status, contentType, body });

/**
 * A C2SP tlog-witness (https://c2sp.org/tlog-witness): cosigns a log's checkpoint only when it is
 * signed by the log's key and consistent with the latest one it cosigned for that log, so that a
 * fork (another tree of a size it has seen) or a rollback is refused and never cosigned.
 */
export class Witness {
  constructor(
    private readonly identity: WitnessIdentity,
    private readonly logs: ReadonlyMap<string, VerifierKey>,
    private readonly state: WitnessStateStore,
    private readonly now: () => Date,
    private readonly verify: StrictVerify,
  ) {}

  /** POST add-checkpoint. Synchronous from its check to its write: requests cannot interleave. */
  addCheckpoint(request: string): WitnessReply {
    const parsed = parseRequest(request);
    if ('error' in parsed) return reply(400, `${parsed.error}\n`);
    const { oldSize, proof, note } = parsed;
    const split = note.lastIndexOf('\n\n');
    const body = split < 0 ? undefined : parseCheckpointBody(note.slice(0, split + 1));
    if (!body) return reply(400, 'the checkpoint is not a signed note carrying a checkpoint\n');
    const key = this.logs.get(body.origin);
    if (!key) return reply(404, `unknown log ${body.origin}\n`);
    if (!openCheckpoint(note, key, this.verify).ok) return reply(403, `no valid signature by ${key.name}\n`);
    if (oldSize > body.size) return reply(400, `old size ${oldSize} is larger than the checkpoint's ${body.size}\n`);
    const stored = this.state.latest(body.origin);
    if (oldSize !== (stored?.size ?? 0)) return reply(409, `${stored?.size ?? 0}\n`, 'text/x.tlog.size');
    const inconsistency = this.inconsistency(oldSize, stored, body.size, body.root, proof);
    if (inconsistency) return reply(422, `${inconsistency}\n`);
    const signature = cosign(note.slice(0, split + 1), this.identity.name, this.identity.publicKey, Math.floor(this.now().getTime() / 1000), (m) => this.identity.sign(m));
    if (!this.state.replace(body.origin, oldSize, { size: body.size, root: body.root, note: note + signature })) return reply(409, `${this.state.latest(body.origin)?.size ?? 0}\n`, 'text/x.tlog.size');
    return reply(200, signature);
  }

  /** Why the checkpoint does not extend what was cosigned, or undefined when it does. */
  private inconsistency(oldSize: number, stored: CosignedState | undefined, size: number, root: Uint8Array, proof: Uint8Array[]): string | undefined {
    if (size === 0 && !equalBytes(root, EMPTY_ROOT)) return 'a checkpoint of size 0 must have the empty tree’s root';
    if (oldSize === 0) return proof.length ? 'no consistency proof is due from the empty tree' : undefined;
    if (oldSize === size) return equalBytes(root, stored!.root) ? undefined : `a different root for size ${size} than the one cosigned: a fork`;
    const check = verifyConsistency(oldSize, size, stored!.root, root, proof);
    return check.ok ? undefined : `the checkpoint does not extend the one of size ${oldSize} cosigned before (${check.reason})`;
  }

  /** GET <origin hash>/checkpoint: the latest cosigned checkpoint of a log, or undefined. */
  latest(originHash: string): CosignedState | undefined {
    return /^[0-9a-f]{64}$/.test(originHash) ? this.state.byOriginHash(originHash) : undefined;
  }
}

/** The lowercase hex SHA-256 of a log's origin, as the monitoring path names it. */
export function originHash(origin: string): string {
  return toHex(sha256(utf8(origin)));
}

function parseRequest(text: string): { oldSize: number; proof: Uint8Array[]; note: string } | { error: string } {
  const blank = text.indexOf('\n\n');
  if (blank < 0) return { error: 'the request must be an old size line, proof lines, a blank line and the checkpoint' };
  const [oldLine, ...proofLines] = text.slice(0, blank).split('\n');
  const old = /^old (0|[1-9][0-9]*)$/.exec(oldLine);
  if (!old || !Number.isSafeInteger(Number(old[1]))) return { error: 'the first line must be "old <size>"' };
  if (proofLines.length > 63) return { error: 'at most 63 consistency proof lines' };
  const proof = proofLines.map((line) => decodeBase64(line));
  if (proof.some((hash) => !hash || hash.length !== HASH_SIZE)) return { error: 'each proof line must be one base64 SHA-256 hash' };
  return { oldSize: Number(old[1]), proof: proof as Uint8Array[], note: text.slice(blank + 2) };
}
