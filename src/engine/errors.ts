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
