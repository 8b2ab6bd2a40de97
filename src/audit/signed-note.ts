import { decodeBase64, encodeBase64 } from './encoding.js';

/**
 * C2SP signed notes: a text ending in a newline, a blank line, then signature lines
 * `— <key name> base64(key id ‖ …)`. Shared by checkpoint signatures and witness cosignatures.
 */
const SIGNATURE_PREFIX = '\u2014 ';

/** One signature line: the key name, its decoded payload (undefined when not base64), and whether more followed. */
export interface NoteSignatureLine {
  name: string;
  payload: Uint8Array | undefined;
  extra: boolean;
}

export function signatureLine(name: string, payload: Uint8Array): string {
  return `${SIGNATURE_PREFIX}${name} ${encodeBase64(payload)}\n`;
}

/** The note's text and its signature lines (undefined for a line that is not one); undefined when it is not a signed note. */
export function splitSignedNote(note: string): { text: string; lines: (NoteSignatureLine | undefined)[] } | undefined {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) return undefined;
  return { text: note.slice(0, split + 1), lines: note.slice(split + 2, -1).split('\n').map(readLine) };
}

function readLine(line: string): NoteSignatureLine | undefined {
  if (!line.startsWith(SIGNATURE_PREFIX)) return undefined;
  const [name, encoded, ...rest] = line.slice(SIGNATURE_PREFIX.length).split(' ');
  return { name, payload: decodeBase64(encoded ?? ''), extra: rest.length > 0 };
}
