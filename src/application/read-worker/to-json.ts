/** JSON of parts already serialized, by identity: a cached report differs from the last answer only in `asOf`. */
const serializedParts = new WeakMap<object, string>();

/** JSON.stringify of a plain object, reusing the JSON of its members when they are the same objects as before. */
export function toJson(value: unknown): string {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return JSON.stringify(value);
  const members: string[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    let json = member !== null && typeof member === 'object' ? serializedParts.get(member) : undefined;
    if (json === undefined) {
      json = JSON.stringify(member) as string | undefined;
      if (json === undefined) continue; // a function or symbol: JSON.stringify leaves it out too
      if (member !== null && typeof member === 'object') serializedParts.set(member, json);
    }
    members.push(`${JSON.stringify(key)}:${json}`);
  }
  return `{${members.join(',')}}`;
}
