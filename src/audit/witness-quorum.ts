import { verifyCosignature, type WitnessKey } from './cosignature.js';
import type { StrictVerify } from './ed25519-verify.js';
import type { VerificationFailure } from './verification-error.js';

export interface WitnessQuorum {
  /** The witnesses whose cosignature of the checkpoint verifies, with the time each signed. */
  cosigned: { witness: string; timestamp: number }[];
  failure?: VerificationFailure;
}

/**
 * Whether at least `min` of the pinned witnesses cosigned the checkpoint note (C2SP
 * tlog-cosignature/v1): a checkpoint seen by independent witnesses is not a split view of the log.
 */
export function checkWitnessQuorum(note: string, witnesses: readonly WitnessKey[], min: number, verify: StrictVerify): WitnessQuorum {
  const cosigned = witnesses.flatMap((w) => {
    const check = verifyCosignature(note, w, verify);
    return check.ok ? [{ witness: w.name, timestamp: check.timestamp }] : [];
  });
  if (cosigned.length >= min) return { cosigned };
  const missing = witnesses.filter((w) => !cosigned.some((c) => c.witness === w.name)).map((w) => w.name);
  return { cosigned, failure: { code: 'WITNESS_QUORUM', message: `${cosigned.length} of the ${min} witness cosignatures required verify (none from ${missing.join(', ')})` } };
}
