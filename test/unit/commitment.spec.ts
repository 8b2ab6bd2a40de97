import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { commit, commitmentOf, opensCommitment, COMMITMENT_PATTERN } from '../../src/audit/commitment.js';
import { encodeBase64 } from '../../src/audit/encoding.js';

describe('salted commitments to personal data', () => {
  it('hashes salt then UTF-8 value', () => {
    const salt = new Uint8Array(16).fill(7);
    const expected = commitmentOf('ä@x', salt);
    const direct = createHash('sha256').update(Buffer.concat([Buffer.from(salt), Buffer.from('ä@x', 'utf8')])).digest('hex');
    expect(expected).toBe(`sha256:${direct}`);
    expect(expected).toMatch(COMMITMENT_PATTERN);
    expect(opensCommitment(expected, 'ä@x', encodeBase64(salt))).toBe(true);
  });

  it('is opened only by the same value and salt', () => {
    const c = commit('legal@acme.example');
    expect(opensCommitment(c.commitment, c.value, c.salt)).toBe(true);
    expect(opensCommitment(c.commitment, 'other@acme.example', c.salt)).toBe(false);
    expect(opensCommitment(c.commitment, c.value, encodeBase64(new Uint8Array(32)))).toBe(false);
  });

  it('refuses salts shorter than 16 bytes', () => {
    expect(() => commitmentOf('x', new Uint8Array(15))).toThrow(/at least 16 bytes/);
    expect(opensCommitment(commitmentOf('x', new Uint8Array(16)), 'x', encodeBase64(new Uint8Array(15)))).toBe(false);
  });
});
