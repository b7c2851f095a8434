/** Exit codes scripts can trust; the README's table is written from this. */
export const EXIT = {
  /** Every selected stream synced. */
  ok: 0,
  /** Unexpected failure (including every selected stream failing for a non-permission reason). */
  failure: 1,
  /** Usage or configuration error: bad flag, bad date, unusable state file, state locked by another run. */
  usage: 2,
  /** Authentication or permission error: token invalid or revoked, subscription needed, permission missing. */
  auth: 3,
  /** Partial: some streams failed, the others synced and saved their state. */
  partial: 4,
  /** Stopped at the --max-duration time limit; everything written is saved. Run again to continue. */
  timeLimit: 5,
  /** `verify` found the output differs from Intercom: records missing, extra or changed since, or parts missing. */
  differences: 6,
  /** Interrupted by Ctrl-C (SIGINT); state holds everything written before. */
  interrupted: 130,
  /** Terminated (SIGTERM, e.g. a CI job cancelled); state holds everything written before. */
  terminated: 143,
} as const;
