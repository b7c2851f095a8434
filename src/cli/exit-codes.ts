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
  /** Interrupted by Ctrl-C / SIGTERM; state holds everything written before. */
  interrupted: 130,
} as const;
