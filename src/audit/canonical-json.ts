/**
 * RFC 8785 (JCS) canonical JSON, strict.
 *
 * Precondition: the value is a JSON value built of plain objects, arrays, strings, finite numbers,
 * booleans and null. Anything else (undefined, NaN, Infinity, bigint, lone surrogates, class
 * instances such as Date or Buffer) throws a CanonicalJsonError naming its path: silently dropping or
 * coercing a value would sign something other than what the caller meant.
 */
export class CanonicalJsonError extends Error {
  readonly code = 'not_canonicalizable';
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

export function canonicalize(value: unknown): string {
  return serialize(value, '$');
}

const encoder = new TextEncoder();

/** The UTF-8 bytes of the canonical form: what gets signed and hashed. */
export function canonicalBytes(value: unknown): Uint8Array {
  return encoder.encode(canonicalize(value));
}

function serialize(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non-finite number', path);
      // ECMAScript Number serialization is exactly RFC 8785 §3.2.2.3 (and renders -0 as 0).
      return JSON.stringify(value);
    case 'string':
      return serializeString(value, path);
    case 'object':
      return Array.isArray(value) ? serializeArray(value, path) : serializeObject(value as object, path);
    default:
      throw new CanonicalJsonError(`${typeof value} is not a JSON value`, path);
  }
}

function serializeString(value: string, path: string): string {
  if (!value.isWellFormed()) throw new CanonicalJsonError('lone surrogate in string', path);
  return JSON.stringify(value);
}

function serializeArray(value: unknown[], path: string): string {
  const parts: string[] = [];
  for (let i = 0; i < value.length; i++) {
    if (!(i in value)) throw new CanonicalJsonError('sparse array', `${path}[${i}]`);
    parts.push(serialize(value[i], `${path}[${i}]`));
  }
  return `[${parts.join(',')}]`;
}

function serializeObject(value: object, path: string): string {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    throw new CanonicalJsonError(`${proto?.constructor?.name ?? 'exotic'} object is not plain JSON`, path);
  }
  // Default sort compares UTF-16 code units, which is what RFC 8785 §3.2.3 requires.
  const keys = Object.keys(value).sort();
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of keys) {
    const memberPath = `${path}.${key}`;
    parts.push(`${serializeString(key, memberPath)}:${serialize(record[key], memberPath)}`);
  }
  return `{${parts.join(',')}}`;
}

/**
 * Canonical JSON of a plain object whose members in `preSerialized` are already canonical JSON text:
 * the same output as canonicalize() without serializing those members again (the ledger embeds the
 * signed act, canonicalized once, in its entry). Precondition: each pre-serialized text is the
 * canonical form of that member; object members of `value` under those keys are ignored.
 */
export function canonicalizeWith(value: Record<string, unknown>, preSerialized: Record<string, string>): string {
  const keys = [...new Set([...Object.keys(value), ...Object.keys(preSerialized)])].sort();
  const parts = keys.map((key) => {
    const member = Object.hasOwn(preSerialized, key) ? preSerialized[key] : serialize(value[key], `$.${key}`);
    return `${serializeString(key, `$.${key}`)}:${member}`;
  });
  return `{${parts.join(',')}}`;
}

/** Canonical JSON of an object with and without one member (an envelope with and without `sig`), serializing each member once. */
export function canonicalizeWithAndWithout(value: Record<string, unknown>, omitted: string): { with: string; without: string } {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) throw new CanonicalJsonError('not a plain object', '$');
  const members = Object.keys(value)
    .sort()
    .map((key) => ({ key, text: `${serializeString(key, `$.${key}`)}:${serialize(value[key], `$.${key}`)}` }));
  return {
    with: `{${members.map((m) => m.text).join(',')}}`,
    without: `{${members.filter((m) => m.key !== omitted).map((m) => m.text).join(',')}}`,
  };
}
