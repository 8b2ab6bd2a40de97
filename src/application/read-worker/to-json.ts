import { StoredJson } from '../stored-json.js';

/** The UTF-8 JSON of parts already serialized, by identity: a cached report differs from the last answer only in `asOf`. */
const serializedParts = new WeakMap<object, Uint8Array>();
const encoder = new TextEncoder();

/**
 * JSON.stringify of an answer, as UTF-8 in a buffer of its own (so that it can be transferred). Values
 * kept as stored JSON are copied as their bytes, never parsed and written again; the JSON of each
 * member of the answer is kept by identity and reused while that member is the same object.
 */
export function toJsonBytes(value: unknown): Uint8Array {
  const out = new ChunkWriter();
  if (value === null || typeof value !== 'object' || Array.isArray(value) || typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    write(value, out);
    return out.bytes();
  }
  out.text('{');
  let first = true;
  for (const [key, member] of Object.entries(value)) {
    if (omitted(member)) continue;
    out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (member === null || typeof member !== 'object') write(member, out);
    else out.chunk(serializedParts.get(member) ?? remembered(member));
  }
  out.text('}');
  return out.bytes();
}

function remembered(member: object): Uint8Array {
  const part = new ChunkWriter();
  write(member, part);
  const bytes = part.bytes();
  serializedParts.set(member, bytes);
  return bytes;
}

/** Members JSON.stringify leaves out of an object (in an array it writes them as null). */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function write(value: unknown, out: ChunkWriter): void {
  if (value instanceof StoredJson) return out.chunk(value.utf8);
  if (!containsStored(value)) return out.text(JSON.stringify(value) ?? 'null');
  if (Array.isArray(value)) {
    out.text('[');
    value.forEach((element, i) => {
      if (i > 0) out.text(',');
      write(omitted(element) ? null : element, out);
    });
    return out.text(']');
  }
  out.text('{');
  let first = true;
  for (const [key, member] of Object.entries(value as object)) {
    if (omitted(member)) continue;
    out.text(`${first ? '' : ','}${JSON.stringify(key)}:`);
    first = false;
    write(member, out);
  }
  out.text('}');
}

/** Whether stored JSON sits anywhere in a plain value (elsewhere JSON.stringify writes it faster). */
function containsStored(value: unknown): boolean {
  if (value instanceof StoredJson) return true;
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  if (Array.isArray(value)) return value.some(containsStored);
  return Object.values(value).some(containsStored);
}

/** Text and byte chunks, joined once into one buffer. */
class ChunkWriter {
  private readonly chunks: Uint8Array[] = [];
  private pending: string[] = [];
  private length = 0;

  text(text: string): void {
    this.pending.push(text);
  }

  chunk(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
    this.length += bytes.byteLength;
  }

  bytes(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.length);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.byteLength;
    }
    return out;
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const encoded = encoder.encode(this.pending.join(''));
    this.pending = [];
    this.chunks.push(encoded);
    this.length += encoded.byteLength;
  }
}
