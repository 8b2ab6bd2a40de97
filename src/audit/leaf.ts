import { createHash } from 'node:crypto';

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ entry bytes). Precondition: bytes are the stored canonical entry. */
export function leafHash(entryBytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(LEAF_PREFIX).update(entryBytes).digest());
}

const LEAF_PREFIX = Uint8Array.of(0x00);
