import { hashLeaf } from './merkle-hash.js';

/** RFC 6962 leaf hash of an entry: SHA-256(0x00 ‖ entry bytes). Precondition: bytes are the stored canonical entry. */
export function leafHash(entryBytes: Uint8Array): Uint8Array {
  return hashLeaf(entryBytes);
}
