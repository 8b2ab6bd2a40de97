/** Stable machine-readable error codes; the HTTP filter and the CLI map them to statuses and exit codes. */
export type LedgerErrorCode =
  | 'malformed'
  | 'schema'
  | 'out_of_range'
  | 'weak_key'
  | 'commitment_mismatch'
  | 'bad_signature'
  | 'unknown_key'
  | 'unauthenticated'
  | 'rate_limited'
  | 'not_allowed'
  | 'not_found'
  | 'invalid_state'
  | 'id_reused'
  | 'too_large'
  | 'clock_skew'
  | 'unavailable'
  | 'internal';

export class LedgerError extends Error {
  constructor(
    readonly code: LedgerErrorCode,
    message: string,
    /** The request field at fault, as a path such as `data.items[0].locator`. */
    readonly field?: string,
    /** For invalid_state: the named state rule that refused the act. */
    readonly rule?: string,
  ) {
    super(message);
    this.name = 'LedgerError';
  }
}

/** A decider's refusal: the act cannot happen in the stream's state. */
export interface Rejection {
  code: 'invalid_state' | 'not_allowed' | 'not_found';
  rule: string;
  message: string;
  field?: string;
}

export function rejectionToError(rejection: Rejection): LedgerError {
  return new LedgerError(rejection.code, rejection.message, rejection.field, rejection.rule);
}
