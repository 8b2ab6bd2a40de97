import { formatPath } from './json-path.js';

/**
 * Parses JSON text as I-JSON (RFC 7493): duplicate member names and lone surrogates are errors, and
 * so are the member names `__proto__`, `constructor` and `prototype`.
 *
 * JSON.parse keeps the last of duplicate names, so a signer and the ledger could read the same
 * bytes as different acts. A `__proto__` member is an own property of what JSON.parse returns, but
 * any copy made of it (a schema library's output, a spread) turns it into the copy's prototype: the
 * copy that was validated and the original that is stored would differ. The text is
 * attacker-controlled: its nesting depth is checked in one cheap pass before JSON.parse builds
 * anything, so a deeply nested body is refused in linear time and constant memory.
 */
export class StrictJsonError extends Error {
  readonly code = 'malformed';
  constructor(
    message: string,
    readonly offset: number,
    /** The member at fault, as a path such as `data.__proto__`, when there is one. */
    readonly field?: string,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'StrictJsonError';
  }
}

export const MAX_JSON_DEPTH = 64;

/** Member names that become or reach a prototype when the parsed object is copied or merged. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'constructor', 'prototype']);

export function parseStrictJson(text: string): unknown {
  checkDepth(text);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StrictJsonError((error as Error).message, 0);
  }
  // JSON.parse is the fast, correct tokenizer; a second pass over the text finds what it hides.
  new MemberScanner(text).scan();
  return value;
}

/** Refuses nesting deeper than MAX_JSON_DEPTH without parsing: brackets are counted outside strings. */
function checkDepth(text: string): void {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) {
      if (++depth > MAX_JSON_DEPTH) throw new StrictJsonError(`nesting deeper than ${MAX_JSON_DEPTH}`, i);
    } else if (ch === 0x7d || ch === 0x5d) depth--;
  }
}

/**
 * Walks syntactically valid JSON text (JSON.parse accepted it), checking object member names for
 * duplicates and forbidden names and strings for lone surrogates.
 */
class MemberScanner {
  private pos = 0;
  private readonly path: (string | number)[] = [];
  constructor(private readonly text: string) {}

  scan(): void {
    this.value();
  }

  private value(): void {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object();
    if (ch === '[') return this.array();
    if (ch === '"') {
      this.string();
      return;
    }
    this.skipScalar();
  }

  private object(): void {
    this.pos++;
    const names = new Set<string>();
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      this.skipSpace();
      const at = this.pos;
      const name = this.string();
      if (names.has(name)) throw new StrictJsonError(`duplicate member name ${JSON.stringify(name)}`, at, this.fieldOf(name));
      if (FORBIDDEN_NAMES.has(name)) throw new StrictJsonError(`the member name ${JSON.stringify(name)} is not allowed`, at, this.fieldOf(name));
      names.add(name);
      this.skipSpace();
      this.pos++; // ':'
      this.path.push(name);
      this.value();
      this.path.pop();
      this.skipSpace();
      if (this.text[this.pos++] === '}') return;
    }
  }

  private array(): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (let index = 0; ; index++) {
      this.path.push(index);
      this.value();
      this.path.pop();
      this.skipSpace();
      if (this.text[this.pos++] === ']') return;
    }
  }

  private fieldOf(name: string): string {
    return formatPath([...this.path, name]);
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let escaped = false;
    for (;;) {
      const ch = this.text.charCodeAt(this.pos++);
      if (ch === 0x5c) {
        escaped = true;
        this.pos++;
      } else if (ch === 0x22) break;
    }
    const raw = this.text.slice(start, this.pos);
    const decoded = escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
    if (!decoded.isWellFormed()) throw new StrictJsonError('lone surrogate in string', start);
    return decoded;
  }

  private skipScalar(): void {
    while (this.pos < this.text.length && !',]}'.includes(this.text[this.pos]) && !isSpace(this.text.charCodeAt(this.pos))) {
      this.pos++;
    }
  }

  private skipSpace(): void {
    while (isSpace(this.text.charCodeAt(this.pos))) this.pos++;
  }
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}
