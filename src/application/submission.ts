import { z } from 'zod';
import { canonicalAct } from '../audit/act-signature.js';
import { checkDisclosures, DisclosureSchema, type Disclosure } from '../domain/acts/disclosures.js';
import { formatPath, parseAct, type Act } from '../domain/acts/envelope.js';
import { LedgerError } from '../domain/errors.js';

/** A checked submission: the act, exactly as signed, its canonical JSON, and any disclosed personal data. */
export interface Submission {
  act: Act;
  /** Canonical JSON of the whole envelope, sig included: embedded in the entry, and the idempotency fingerprint. */
  canonicalAct: string;
  /** What the actor signed: the prefix and the canonical envelope without sig. */
  signingBytes: Uint8Array;
  disclosures: Disclosure[];
}

/** The largest act the log takes, measured as its canonical JSON (what is stored), wherever it arrives. */
export const MAX_ACT_BYTES = 256 * 1024;

const Wrapper = z.strictObject({ act: z.unknown(), disclosures: z.array(DisclosureSchema).max(50).default([]) });

/**
 * Accepts either a bare envelope or `{act, disclosures}` (DESIGN.md §3.2). Throws LedgerError
 * `schema`, `commitment_mismatch` or `too_large` naming the field. Pure: no state, no clock. Every
 * act passes here, alone or in a batch, so the per-act size limit holds wherever an act arrives.
 */
export function parseSubmission(body: unknown): Submission {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new LedgerError('schema', 'the body must be a signed act envelope or {act, disclosures}');
  }
  const isWrapper = Object.hasOwn(body, 'act') && !Object.hasOwn(body, 'type');
  let disclosures: Disclosure[] = [];
  let envelope: unknown = body;
  if (isWrapper) {
    const wrapper = Wrapper.safeParse(body);
    if (!wrapper.success) {
      const field = formatPath(wrapper.error.issues[0].path as (string | number)[]);
      throw new LedgerError('schema', `${field}: ${wrapper.error.issues[0].message}`, field);
    }
    envelope = wrapper.data.act;
    disclosures = wrapper.data.disclosures;
  }
  const act = parseAct(envelope);
  checkDisclosures(act, disclosures);
  const { canonical, signingBytes } = canonicalAct(act as unknown as Record<string, unknown>);
  const bytes = new TextEncoder().encode(canonical).length;
  if (bytes > MAX_ACT_BYTES) throw new LedgerError('too_large', `the act is ${bytes} bytes as canonical JSON; at most ${MAX_ACT_BYTES}`, isWrapper ? 'act' : undefined);
  return { act, canonicalAct: canonical, signingBytes, disclosures };
}
