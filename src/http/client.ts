/**
 * The HTTP client every stream uses: web-standard fetch plus auth and version headers, the shared rate budget,
 * the retry policy and typed errors. Nothing outside src/http/ retries, sleeps for rate limits or reads statuses.
 * @example
 * const client = createApiClient({ baseUrl: resolveBaseUrl({ region: "eu" }), token, userAgent: "intercom-sync/0.1.0" });
 * const page = await client.request<{ data: unknown[] }>({ method: "GET", path: "/contacts", query: { per_page: 150 }, stream: "contacts" });
 */
import { type Clock, realClock } from "./clock.ts";
import { validateBaseUrl } from "./base-url.ts";
import { cannotConnect, noAnswer, notJson, wrongAnswer } from "./diagnose.ts";
import { formatMs, formatSeconds, redact, redactedStart } from "./format.ts";
import { requestHeaders } from "./headers.ts";
import { mapErrorResponse, PENDING_JOBS, readErrorBody } from "./map-error.ts";
import { RateBudget } from "./rate-budget.ts";
import { backoffMs, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from "./retry.ts";
import { WallClockTotal } from "./wall-clock-total.ts";
import { type ApiClient, type ApiRequest, DEFAULT_INTERCOM_VERSION, type HttpEvent, type HttpStats, type StreamHttpStats } from "./types.ts";
import { bodyHoldsToken } from "./token-echo.ts";
import { buildUrl } from "./url.ts";
import {
  AuthError,
  ConfigError,
  IntercomApiError,
  PermissionError,
  ReportJobsBusyError,
  ScrollRestartError,
  TokenEchoedError,
  TransientError,
} from "../errors.ts";

export interface ApiClientOptions {
  /** Already resolved (see resolveBaseUrl); a trailing slash is tolerated. */
  baseUrl: string;
  token: string;
  /** Sent as Intercom-Version. Default DEFAULT_INTERCOM_VERSION. */
  intercomVersion?: string;
  userAgent: string;
  /** Per attempt, covering the answer's headers and body (the CLI's --request-timeout). Default 60 000. */
  timeoutMs?: number;
  /** Permit plain http:// to a host that is not loopback (--allow-insecure-http). Default false. */
  allowInsecureHttp?: boolean;
  /** Shorthand for retry.maxAttempts. Default 5. */
  maxAttempts?: number;
  retry?: Partial<RetryPolicy>;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  /** Share one budget between clients that use the same token; by default each client has its own. */
  budget?: RateBudget;
  onEvent?: (event: HttpEvent) => void;
}

/** One attempt's failure that the loop may retry. */
interface Retryable {
  /** What went wrong, for events and the final error: "HTTP 503", "no answer within 60.0s"… */
  problem: string;
  status?: number;
  retryAfterMs?: number;
  rateLimited: boolean;
  cause?: unknown;
}

/** Longest error body scanned for the token and read for Intercom's error code; longer ones are not Intercom's. */
const MAX_ERROR_BODY_CHARS = 100_000;

/** Builds the client; throws ConfigError for an unusable base URL, or a token or version no header can carry. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = validateBaseUrl(options.baseUrl, "base URL", { allowInsecureHttp: options.allowInsecureHttp });
  const token = options.token.trim();
  if (token === "") throw new ConfigError("the Intercom access token is empty; set INTERCOM_ACCESS_TOKEN");
  const intercomVersion = options.intercomVersion ?? DEFAULT_INTERCOM_VERSION;
  const headers = requestHeaders({ token, intercomVersion, userAgent: options.userAgent });
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const policy: RetryPolicy = {
    ...DEFAULT_RETRY_POLICY,
    ...options.retry,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  };
  const emit = (event: HttpEvent) => options.onEvent?.({ ...event, message: redact(event.message, token) });
  const budget = options.budget ?? new RateBudget({ clock, random, onEvent: emit });
  const headersFor = (request: ApiRequest): Record<string, string> => {
    let versioned = request.intercomVersion === undefined ? headers : { ...headers, "Intercom-Version": request.intercomVersion };
    if (request.binary) versioned = { ...versioned, Accept: "application/octet-stream" };
    return request.method === "POST" ? { ...versioned, "Content-Type": "application/json" } : versioned;
  };
  const stats: HttpStats = { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0, backoffMs: 0, scrollWaitMs: 0, byStream: {} };
  let serverClockOffsetMs: number | undefined;
  const backoffTime = new WallClockTotal();

  const count = (stream: string | undefined, field: keyof StreamHttpStats) => {
    stats[field]++;
    if (stream === undefined) return;
    const own = (stats.byStream[stream] ??= { requests: 0, retries: 0, rateLimited: 0 });
    own[field]++;
  };

  /** One round trip. Resolves with the body, returns a Retryable, or throws a final typed error. */
  async function attempt(url: URL, request: ApiRequest): Promise<{ value: unknown } | Retryable> {
    // A download's body may take far longer than its headers: its time limit ends when the headers arrive.
    const headersOnly = request.binary ? new AbortController() : undefined;
    const headersTimer = headersOnly ? setTimeout(() => headersOnly.abort(new DOMException("timed out", "TimeoutError")), timeoutMs) : undefined;
    const timeout = headersOnly?.signal ?? AbortSignal.timeout(timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    // Only the connection check names the origin: later messages say which stream and path, as before.
    const checking = request.connectionCheck === true;
    const where = `${request.method} ${url.origin}${url.pathname}`;
    const failed = (error: unknown, stage: string): Retryable => {
      if (request.signal?.aborted) throw request.signal.reason;
      if (timeout.aborted) {
        if (checking) throw noAnswer(where, timeoutMs);
        return { problem: `no answer within ${formatMs(timeoutMs)}`, rateLimited: false, cause: error };
      }
      return { problem: `${stage}: ${describeError(error)}`, rateLimited: false, cause: error };
    };
    let response: Response;
    const sentAt = clock.now();
    try {
      response = await fetchFn(url, {
        method: request.method,
        headers: headersFor(request),
        body: request.method === "POST" && request.body !== undefined ? JSON.stringify(request.body) : undefined,
        signal,
        // A redirect could carry the token to another host; Intercom's API does not redirect.
        redirect: "manual",
      });
    } catch (error) {
      clearTimeout(headersTimer);
      budget.release();
      // failed() first: a cancelled run stays a cancellation, and a timeout gets its own message.
      const outcome = failed(error, "network error");
      if (checking) throw redactError(cannotConnect(where, error), token);
      return outcome;
    }
    clearTimeout(headersTimer);
    const answeredIn = clock.now() - sentAt;
    if (stats.fastestAnswerMs === undefined || answeredIn < stats.fastestAnswerMs) stats.fastestAnswerMs = answeredIn;
    const status = response.status;
    const date = Date.parse(response.headers.get("date") ?? "");
    // Date has whole seconds: Intercom's time is somewhere in [date, date + 1 s). Taking the late end means a
    // clock is only called "ahead" when it is ahead for certain.
    if (Number.isFinite(date)) serverClockOffsetMs = date + 1000 - clock.now();
    const retryAfterMs = parseRetryAfter(response.headers.get("retry-after"), clock.now());
    // Too many pending reporting export jobs is a 429 too, but no rate limit: nobody else need wait for a window.
    const jobsBusy = status === 429 && PENDING_JOBS.test(await response.clone().text().catch(() => ""));
    budget.release({ headers: response.headers, rateLimited: status === 429 && !jobsBusy, retryAfterMs });
    if (request.binary && status >= 200 && status < 300) return { value: response };
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return failed(error, `HTTP ${status} body cut off`);
    }
    if (status >= 200 && status < 300) {
      // Before anything reads it: such a body is never parsed, retried, written or quoted.
      if (bodyHoldsToken(text, token)) throw tokenEchoed(where, status);
      if (status === 204) return { value: null };
      try {
        return { value: JSON.parse(text) };
      } catch {
        // Proxies and load balancers answer with HTML pages; a dropped connection truncates JSON. Only the first
        // is a wrong address: JSON cut short is retried even on the connection check.
        const contentType = response.headers.get("content-type");
        const cutJson = /^\s*[[{]/.test(text) || /json/i.test(contentType ?? "");
        if (checking && !cutJson) throw redactError(notJson(where, status, contentType, preview(text, token)), token);
        return { problem: `HTTP ${status} with a body that is not JSON (${preview(text, token)})`, status, rateLimited: false };
      }
    }
    // Redacted before anything reads it: the error message keeps only the start of what the server said.
    const body = text.length > MAX_ERROR_BODY_CHARS ? undefined : parseOrUndefined(redact(text, token));
    const location = response.headers.get("location") ?? undefined;
    const error = mapErrorResponse({
      status,
      body,
      method: request.method,
      path: url.pathname,
      scrollContinuation: url.searchParams.has("scroll_param"),
      stream: request.stream,
      location,
    });
    error.message = redact(error.message, token);
    if (checking && !(error instanceof AuthError || error instanceof PermissionError)) {
      const { code, message } = readErrorBody(body);
      const said = [code, message].filter(Boolean).join(": ") || undefined;
      const wrong = wrongAnswer(where, status, { said, location, intercomVersion });
      if (wrong) throw redactError(wrong, token);
    }
    // The scroll logic restarts from the beginning; retrying the same scroll_param cannot help.
    if (error instanceof ScrollRestartError || error instanceof ReportJobsBusyError || !isRetryableStatus(policy, status)) throw error;
    return { problem: `HTTP ${status}`, status, retryAfterMs, rateLimited: status === 429, cause: error };
  }

  async function request<T = unknown>(request: ApiRequest): Promise<T> {
    let url: URL;
    try {
      url = buildUrl(baseUrl, request.path, request.query);
    } catch (error) {
      // A refused next-page link is quoted in the message, and it came from the server.
      throw error instanceof Error ? redactError(error, token) : error;
    }
    const { stream } = request;
    const where = `${stream ? `stream ${stream}: ` : ""}${request.method} ${url.pathname}`;
    const maxAttempts = Math.max(1, request.maxAttempts ?? policy.maxAttempts);
    let attempts = 0;
    let failures = 0;
    let soonerFailures = 0;
    let rateLimits = 0;
    for (;;) {
      // Awaited first: `stats.rateLimitWaitMs += await …` would read the total before the wait and lose concurrent updates.
      const waited = await budget.acquire({ signal: request.signal, stream });
      stats.rateLimitWaitMs += waited;
      attempts++;
      count(stream, "requests");
      const outcome = await attempt(url, request);
      if ("value" in outcome) return outcome.value as T;

      if (outcome.rateLimited) {
        rateLimits++;
        count(stream, "rateLimited");
        emit({
          kind: "rate-limited",
          stream,
          status: 429,
          attempt: attempts,
          message: `${where} → 429 rate limited; all requests pause until the window resets`,
        });
        if (rateLimits > policy.maxRateLimitRetries) throw giveUp(where, attempts, outcome, stream, token, timeoutMs);
        count(stream, "retries");
        continue; // The budget now holds everyone until the reset.
      }

      failures++;
      if (failures >= maxAttempts) throw giveUp(where, attempts, outcome, stream, token, timeoutMs);
      const sooner = request.giveUpSoonerOn;
      if (sooner && outcome.status !== undefined && sooner.statuses.includes(outcome.status)) {
        if (++soonerFailures >= sooner.attempts) throw giveUp(where, attempts, outcome, stream, token, timeoutMs);
      }
      const retryAfter = outcome.retryAfterMs === undefined ? 0 : Math.min(outcome.retryAfterMs, policy.maxRetryAfterMs);
      const delay = Math.max(backoffMs(policy, failures, random), retryAfter);
      count(stream, "retries");
      emit({
        kind: "retry",
        stream,
        status: outcome.status,
        attempt: attempts,
        waitMs: delay,
        message: `${where}: ${outcome.problem}; retry ${failures}/${maxAttempts - 1} in ${formatMs(delay)}`,
      });
      // Wall-clock time: requests backing off side by side wait the same seconds once.
      stats.backoffMs += backoffTime.add(clock.now(), delay);
      await clock.sleep(delay, request.signal);
    }
  }

  const serverNow = () => (serverClockOffsetMs === undefined ? undefined : clock.now() + serverClockOffsetMs);
  return { request, stats, serverNow, baseUrl };
}

function giveUp(
  where: string,
  attempts: number,
  outcome: Retryable,
  stream: string | undefined,
  token: string,
  timeoutMs: number,
): TransientError {
  const said = outcome.cause instanceof IntercomApiError ? ` (${outcome.cause.message})` : "";
  const advice = outcome.rateLimited
    ? "Another app may be using the workspace's rate limit; run the sync again when it is quieter."
    : outcome.problem.startsWith("no answer")
    ? `Intercom or the network is slow; run the sync again later, or raise --request-timeout (now ${formatSeconds(timeoutMs)}).`
    : "Intercom or the network kept failing; run the sync again in a few minutes (status: https://www.intercomstatus.com).";
  const message = `${where} failed after ${attempts} attempt${attempts === 1 ? "" : "s"}; last: ${outcome.problem}${said}. ${advice}`;
  // The cause is rebuilt from its message alone so nothing carrying the token can ride along.
  const cause = outcome.cause instanceof Error ? new Error(redact(outcome.cause.message, token)) : undefined;
  return new TransientError(redact(message, token), attempts, stream, cause, outcome.status);
}

function tokenEchoed(where: string, status: number): TokenEchoedError {
  return new TokenEchoedError(
    `${where} answered ${status} with the access token in its body. Intercom never sends it back, so a ` +
      "misbehaving proxy or gateway between intercom-sync and Intercom echoes the request's credentials; nothing " +
      "from it was written. Check --base-url, INTERCOM_BASE_URL, --region and any proxy (HTTPS_PROXY), and rotate " +
      "the token if that proxy is not yours.",
  );
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** The start of a body for a message; the token is redacted before the cut, so no part of it survives. */
function preview(text: string, token: string): string {
  if (text.length === 0) return "empty";
  const start = redactedStart(text, 40, token).replace(/\s+/g, " ");
  return `${text.length} bytes starting ${JSON.stringify(start)}`;
}

function redactError<E extends Error>(error: E, token: string): E {
  error.message = redact(error.message, token);
  return error;
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
