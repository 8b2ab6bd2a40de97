/** What an offline verification can find wrong (DESIGN.md §3.5): a small, stable union of codes. */
export type VerificationCode =
  | 'BUNDLE_MALFORMED'
  | 'CHECKPOINT_SIG'
  | 'ENTRY_NOT_CANONICAL'
  | 'ACTOR_KEY_UNKNOWN'
  | 'ACTOR_SIGNATURE'
  | 'INCLUSION'
  | 'CHAIN_BREAK'
  | 'TIME_ORDER'
  | 'STREAM_HEAD'
  | 'COMMITMENT'
  | 'JUDGEMENT_SIG'
  | 'JUDGEMENT_MISMATCH'
  | 'PACK_VERSION_UNKNOWN'
  | 'CASE_LIST'
  | 'WITNESS_QUORUM';

export interface VerificationFailure {
  code: VerificationCode;
  /** The entry at fault, where there is one. */
  seq?: number;
  message: string;
}
