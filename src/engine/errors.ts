/** A response was 2xx and valid JSON but not shaped as the stream expects (never retried: it would not change). */
export class MalformedPageError extends Error {
  override name = "MalformedPageError";
  constructor(
    readonly stream: string,
    detail: string,
  ) {
    super(`Intercom sent a response for ${stream} that intercom-sync cannot read: ${detail}`);
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

/** --max-duration ran out: every stream stopped at its next checkpoint; a run again continues from there. */
export class TimeLimitError extends CancelledError {
  override name = "TimeLimitError";
  constructor(
    /** The limit as the user wrote it, e.g. "5h30m". */
    readonly limit: string,
  ) {
    super(`stopped at the time limit (${limit}); run again to continue`);
  }
}
