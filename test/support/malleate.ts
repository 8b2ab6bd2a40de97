import { fromHex } from '../../src/audit/encoding.js';

/** Adds L to the S half of a signature: the classic malleability trick. */
export function addGroupOrder(signature: Uint8Array): Uint8Array {
  const L = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010');
  const out = Uint8Array.from(signature);
  let carry = 0;
  for (let i = 0; i < 32; i++) {
    const sum = out[32 + i] + L[i] + carry;
    out[32 + i] = sum & 0xff;
    carry = sum >> 8;
  }
  return out;
}
