/**
 * The failures that cross layers, in one neutral module that imports nothing: the HTTP client, the runtime, the
 * sinks, the state file and the engine throw them, and the CLI (failure.ts) and the protocols turn them into a
 * message and an exit code. Errors that only one layer raises and reads stay in that layer (http/errors.ts).
 */

/** A setting is unusable (e.g. a base URL that is not http(s)); the message says which and what to pass instead. Exit 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Writing to stdout failed because the reader closed the pipe (e.g. `| head`). Not a failure: exit 0. */
export class BrokenPipeError extends Error {
  override name = "BrokenPipeError";
  constructor() {
    super("stdout was closed by the reader");
  }
}

/**
 * A sink could not write: the message names the file, the cause and what to do. When a sink throws it, the page
 * it was writing is not committed, so state must not be advanced past it. Exit 2 when the user must fix the path
 * or the disk (a directory, a missing directory, no permission, a full disk, a locked or foreign file), else 1.
 */
export class SinkError extends Error {
  override name = "SinkError";
  constructor(
    message: string,
    /** The output file the failure is about. */
    readonly path: string,
    override readonly cause?: unknown,
    readonly exitCode: number = 1,
  ) {
    super(message);
  }
}

/**
 * The state file cannot be used: corrupt, truncated, from a newer build or another workspace, invalid, or its
 * path cannot be read or written (a directory, a missing directory, no permission, a full disk). Exit 2.
 */
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

/** Another live run holds the state file's lock. Exit 2. */
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

/** The run was cancelled (Ctrl-C, SIGTERM, or --fail-fast after another stream failed). */
export class CancelledError extends Error {
  override name = "CancelledError";
  constructor(
    reason = "the run was cancelled",
    /** The signal that cancelled it, when one did: the exit code follows it (130 or 143). */
    readonly signal?: "SIGINT" | "SIGTERM",
  ) {
    super(reason);
  }
}

/** --max-duration ran out: every stream stopped at its next checkpoint; a run again continues from there. Exit 5. */
export class TimeLimitError extends CancelledError {
  override name = "TimeLimitError";
  constructor(
    /** The limit as the user wrote it, e.g. "5h30m". */
    readonly limit: string,
  ) {
    super(`stopped at the time limit (${limit}); run again to continue`);
  }
}
