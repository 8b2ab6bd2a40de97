const decoder = new TextDecoder();

/**
 * A value kept as the UTF-8 JSON it was stored as. A report that only passes it on sends these bytes
 * unchanged (the read worker's serializer copies them); whoever reads a member parses it, once.
 */
export class StoredJson<T> {
  #parsed?: T;

  constructor(readonly utf8: Uint8Array) {}

  value(): T {
    return (this.#parsed ??= JSON.parse(decoder.decode(this.utf8)) as T);
  }

  /** JSON.stringify writes the value itself, so any serializer gives the same text. */
  toJSON(): T {
    return this.value();
  }
}

/** A list kept as the JSON array it was stored as, with its length known without parsing it. */
export class StoredJsonList<T> extends StoredJson<T[]> {
  constructor(
    utf8: Uint8Array,
    readonly length: number,
  ) {
    super(utf8);
  }
}
