import { z } from 'zod';
import { opensCommitment } from '../../audit/commitment.js';
import { decodeBase64 } from '../../audit/encoding.js';
import { valueAtPath } from '../../audit/json-path.js';
import { LedgerError } from '../errors.js';
import type { Act } from './envelope.js';

/** Fields that carry salted commitments instead of personal data (DESIGN.md §3.2). */
export const COMMITTED_FIELDS = ['contact', 'address', 'disclosed'] as const;

export const DisclosureSchema = z.strictObject({
  path: z.string().regex(/^data(\.[A-Za-z]+)+$/, 'must be a path into the act such as data.claimant.contact'),
  value: z.string().max(10_000),
  salt: z.string().refine((s) => (decodeBase64(s)?.length ?? 0) >= 16, 'must be at least 16 bytes in standard padded base64'),
});
export type Disclosure = z.infer<typeof DisclosureSchema>;

/**
 * Checks that each disclosure opens the commitment at its path in the act. Throws LedgerError naming
 * the disclosure at fault; a disclosure that does not match is never stored.
 */
export function checkDisclosures(act: Act, disclosures: readonly Disclosure[]): void {
  const seen = new Set<string>();
  disclosures.forEach((disclosure, index) => {
    const field = `disclosures[${index}]`;
    const leaf = disclosure.path.split('.').at(-1) as string;
    if (!(COMMITTED_FIELDS as readonly string[]).includes(leaf)) {
      throw new LedgerError('schema', `${field}.path must end in a committed field (${COMMITTED_FIELDS.join(', ')})`, `${field}.path`);
    }
    if (seen.has(disclosure.path)) throw new LedgerError('schema', `${field}.path repeats ${disclosure.path}`, `${field}.path`);
    seen.add(disclosure.path);
    const commitment = valueAtPath(act, disclosure.path);
    if (typeof commitment !== 'string') {
      throw new LedgerError('commitment_mismatch', `${field}: the act has no commitment at ${disclosure.path}`, `${field}.path`);
    }
    if (!opensCommitment(commitment, disclosure.value, disclosure.salt)) {
      throw new LedgerError('commitment_mismatch', `${field}: value and salt do not open the commitment at ${disclosure.path}`, `${field}.value`);
    }
  });
}
