export const ACCESS_LOG = Symbol('AccessLog');

/** One release of a clear value of personal data: who read it, of which case and entry, under which rule, when. */
export interface Release {
  /** The ledger's time of the release. */
  at: string;
  reader: string;
  case: string;
  seq: number;
  path: string;
  /** The person the value is about: they read the releases of their own data. */
  subject: string;
  rule: string;
}

export interface AccessLogPage {
  items: (Release & { id: number })[];
  /** The cursor of the next page, when there is one. */
  next?: string;
}

/**
 * Every release of clear personal data, append-only, kept apart from the log (it holds no personal
 * data, only who read which path): recorded before the value leaves the ledger.
 */
export interface AccessLog {
  record(releases: readonly Release[]): void;
  /** In the order recorded; only one subject's releases when `subject` is given. */
  list(filter: { subject?: string; case?: string }, limit: number, cursor?: string): AccessLogPage;
  close(): void;
}
