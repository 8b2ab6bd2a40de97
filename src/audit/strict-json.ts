/**
 * Parses JSON text as I-JSON (RFC 7493): duplicate member names and lone surrogates are errors.
 *
 * JSON.parse keeps the last of duplicate names, so a signer and the ledger could read the same
 * bytes as different acts. The text is attacker-controlled; the parser is iterative over values
 * with a depth limit so a deeply nested body cannot exhaust the stack.
 */
export class StrictJsonError extends Error {
  readonly code = 'malformed';
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(`${message} at offset ${offset}`);
    this.name = 'StrictJsonError';
  }
}

const MAX_DEPTH = 64;

export function parseStrictJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StrictJsonError((error as Error).message, 0);
  }
  // JSON.parse is the fast, correct tokenizer; a second pass over the text finds what it hides.
  new DuplicateAndSurrogateScanner(text).scan();
  return value;
}

/** Walks syntactically valid JSON text, checking object member names for duplicates and strings for lone surrogates. */
class DuplicateAndSurrogateScanner {
  private pos = 0;
  constructor(private readonly text: string) {}

  scan(): void {
    this.value(0);
  }

  private value(depth: number): void {
    if (depth > MAX_DEPTH) throw new StrictJsonError(`nesting deeper than ${MAX_DEPTH}`, this.pos);
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') {
      this.string();
      return;
    }
    this.skipScalar();
  }

  private object(depth: number): void {
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
      if (names.has(name)) throw new StrictJsonError(`duplicate member name ${JSON.stringify(name)}`, at);
      names.add(name);
      this.skipSpace();
      this.pos++; // ':'
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.pos++] === '}') return;
    }
  }

  private array(depth: number): void {
    this.pos++;
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value(depth + 1);
      this.skipSpace();
      if (this.text[this.pos++] === ']') return;
    }
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
