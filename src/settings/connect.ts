/**
 * What every command that talks to Intercom builds from its settings, built once: the HTTP client (with its one
 * rate budget, shared by every request of the command), and the signal that stops a run — SIGINT (exit 130),
 * SIGTERM (exit 143) and the --max-duration timer (exit 5), each aborting it with the error describeFailure maps
 * to that code. sync, demo, check, `airbyte read`, `airbyte check` and the Singer tap all come through here.
 * @example
 * const connection = connect(settings, { retries: "run", onEvent: progress.onHttpEvent });
 * try { await runSync({ client: connection.client, signal: connection.signal, … }); } finally { connection.close(); }
 */
import { CancelledError, TimeLimitError } from "../errors.ts";
import { createApiClient } from "../http/client.ts";
import type { RetryPolicy } from "../http/retry.ts";
import type { ApiClient, HttpEvent } from "../http/types.ts";
import { runtime } from "../runtime/mod.ts";
import { TOOL_NAME, TOOL_VERSION } from "../version.ts";
import { setLongTimeout } from "./long-timeout.ts";
import type { Settings } from "./schema.ts";

/**
 * How hard a request tries. `run`: the client's full policy (5 attempts, rate limits waited out), for a long
 * export that must not lose a page to a hiccup. `check`: an answer in seconds — 2 attempts, 2 rate-limit waits,
 * 0.5 s backoff — so a flaky endpoint shows up as an error instead of stalling the check.
 */
export type RetryMode = "run" | "check";

const RETRIES: Record<RetryMode, { maxAttempts?: number; retry?: Partial<RetryPolicy> }> = {
  run: {},
  check: { maxAttempts: 2, retry: { maxRateLimitRetries: 2, backoffBaseMs: 500 } },
};

export interface ConnectOptions {
  retries: RetryMode;
  /** Retries, rate-limit and scroll waits, for logs and progress. */
  onEvent?: (event: HttpEvent) => void;
  /**
   * Stop on SIGINT/SIGTERM by aborting `signal`. Default true. A check leaves it off: it has nothing to save, so
   * the default action of a signal (exit at once) is what the user wants. --max-duration applies either way.
   */
  handleSignals?: boolean;
}

export interface Connection {
  client: ApiClient;
  /** Aborted with a CancelledError naming the signal, or a TimeLimitError at --max-duration. */
  signal: AbortSignal;
  /** Stops the --max-duration timer, so a finished run does not keep the process alive. */
  close(): void;
}

/** The client and stop signal for `settings`; throws ConfigError when the base URL, token or version is unusable. */
export function connect(settings: Settings, options: ConnectOptions): Connection {
  const client = createApiClient({
    baseUrl: settings.baseUrl,
    token: settings.token,
    intercomVersion: settings.intercomVersion,
    timeoutMs: settings.requestTimeoutSeconds * 1000,
    allowInsecureHttp: settings.allowInsecureHttp,
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
    ...RETRIES[options.retries],
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  const interrupt = new AbortController();
  if (options.handleSignals !== false) {
    // The first signal decides the exit code (130 or 143); the run then stops at its next page boundary.
    const stopOn = (signal: "SIGINT" | "SIGTERM") => () => {
      if (!interrupt.signal.aborted) interrupt.abort(new CancelledError(`cancelled by ${signal}`, signal));
    };
    runtime.onSignal("SIGINT", stopOn("SIGINT"));
    runtime.onSignal("SIGTERM", stopOn("SIGTERM"));
  }
  const { maxDuration } = settings;
  // A long limit (600h) would overflow a single timer and stop the run at once.
  const cancelTimeLimit = maxDuration ? setLongTimeout(() => interrupt.abort(new TimeLimitError(maxDuration.text)), maxDuration.ms) : () => {};
  return { client, signal: interrupt.signal, close: cancelTimeLimit };
}
