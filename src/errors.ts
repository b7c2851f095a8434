/**
 * Every error class of intercom-sync, in one module that imports nothing: whatever throws one (the HTTP client,
 * the runtime, the sinks, the state file, the engine) and whatever catches one (the CLI's failure.ts, the
 * protocols, verify) imports it from here, never from a re-export. So a reader looks for a failure in one place,
 * and any layer may name any error without an import running back up.
 * Not here: an error private to one file (thrown and caught in it, e.g. the CLI parser's ParserExit) and the fake
 * Intercom's own (src/fake/ is a test double; its errors never reach intercom-sync). None carries the access token.
 */

// Settings, output and the run

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

// Intercom's answers (thrown by src/http/, mapped by src/http/map-error.ts)

/** Any non-retryable error answer from Intercom that has no more specific class. */
export class IntercomApiError extends Error {
  override name = "IntercomApiError";
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly stream: string | undefined,
  ) {
    super(message);
  }
}

/** 401, or "Active subscription needed": nothing will work until the user fixes the token or plan (exit 3). */
export class AuthError extends IntercomApiError {
  override name = "AuthError";
}

/** 403: the token lacks a permission; only the stream that needs it fails (exit 4). */
export class PermissionError extends IntercomApiError {
  override name = "PermissionError";
}

/** 404: the resource vanished (e.g. a conversation deleted between search and fetch). */
export class NotFoundError extends IntercomApiError {
  override name = "NotFoundError";
}

/** 410: the resource is gone for good; Intercom 2.16 answers so for a contact merged into another. */
export class GoneError extends NotFoundError {
  override name = "GoneError";
}

/** 400 "scroll already exists": another client holds the workspace's one company scroll. */
export class ScrollExistsError extends IntercomApiError {
  override name = "ScrollExistsError";
}

/** 500 "please restart the scroll", or an expired scroll_param: the scroll must start over. */
export class ScrollRestartError extends IntercomApiError {
  override name = "ScrollRestartError";
}

/**
 * 429 "Exceeded rate limit of 5 pending reporting dataset export jobs": the workspace holds as many pending
 * reporting export jobs as Intercom allows. Not a rate limit and not an outage: the caller waits for a slot.
 */
export class ReportJobsBusyError extends IntercomApiError {
  override name = "ReportJobsBusyError";
}

/**
 * A reporting export job for one time window failed (or outlived its time limit) on every attempt: the stream
 * fails (exit 4), its cursor stays before that window, and the message names the window and the jobs.
 */
export class ReportJobFailedError extends Error {
  override name = "ReportJobFailedError";
  constructor(
    message: string,
    readonly stream: string,
    readonly window: { start: number; end: number },
    readonly jobIds: readonly string[],
  ) {
    super(message);
  }
}

/** Retries ran out on 5xx, 429, timeouts, network errors or unparseable bodies. */
export class TransientError extends Error {
  override name = "TransientError";
  constructor(
    message: string,
    readonly attempts: number,
    readonly stream: string | undefined,
    override readonly cause?: unknown,
    /** The HTTP status of the last attempt, when it had one (not for timeouts or network errors). */
    readonly status?: number,
  ) {
    super(message);
  }
}

/**
 * A `pages.next` URL pointed at a different origin than the base URL. Following it would send the token there,
 * so the request is refused.
 */
export class ForeignUrlError extends Error {
  override name = "ForeignUrlError";
}

/**
 * A 2xx answer whose body holds the access token: no API echoes credentials, so something between intercom-sync
 * and Intercom (a proxy or gateway) is misbehaving. Nothing from it is written, and the run stops. Exit 2.
 */
export class TokenEchoedError extends ConfigError {
  override name = "TokenEchoedError";
}

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

// Records

/** Thrown for a record that cannot be stored at all (no primary key value); the SQLite sink names the file. */
export class InvalidRecordError extends Error {
  override name = "InvalidRecordError";
}

/** A row of a content export's statistic file that cannot become an event (no receipt column, a time that is no unix time). */
export class EventRowError extends Error {
  override name = "EventRowError";
}
