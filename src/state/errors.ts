/**
 * Typed failures of the state file and its lock. Both mean "the user must act before a run can go on", so the
 * CLI maps them to exit code 2; the message already says what is wrong and how to recover.
 */

/** The state file cannot be used: corrupt, truncated, from a newer build or another workspace, or invalid. */
export class StateError extends Error {
  override name = "StateError";
  readonly exitCode = 2;
  constructor(
    message: string,
    /** The state file concerned. */
    readonly path: string,
  ) {
    super(message);
  }
}

/** Another live run holds the state file's lock. */
export class LockError extends Error {
  override name = "LockError";
  readonly exitCode = 2;
  constructor(
    message: string,
    /** The `.lock` file. */
    readonly lockPath: string,
    /** The holder's pid, when the lock file says. */
    readonly pid: number | undefined,
  ) {
    super(message);
  }
}
