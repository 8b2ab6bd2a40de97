import type { LedgerErrorCode } from '../domain/errors.js';

/** The one mapping from error codes to HTTP statuses (DESIGN.md §6). */
export const ERROR_STATUS: Record<LedgerErrorCode, number> = {
  malformed: 400,
  schema: 400,
  out_of_range: 400,
  weak_key: 400,
  commitment_mismatch: 400,
  bad_signature: 401,
  unknown_key: 401,
  unauthenticated: 401,
  not_allowed: 403,
  not_found: 404,
  invalid_state: 409,
  id_reused: 409,
  too_large: 413,
  rate_limited: 429,
  clock_skew: 422,
  unavailable: 503,
  internal: 500,
};

export function statusOf(code: LedgerErrorCode): number {
  return ERROR_STATUS[code];
}
