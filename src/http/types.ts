/** The contract between the engine and the HTTP layer. Retries, rate limits and backoff live behind it. */

export interface ApiRequest {
  method: "GET" | "POST";
  /** A path such as "/contacts/search", or an absolute URL taken from `pages.next` (same origin only). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body for POST. */
  body?: unknown;
  /** Stream the request serves, for per-stream counters and error messages. */
  stream?: string;
  signal?: AbortSignal;
  /**
   * Overrides the client's attempt limit for this call. 1 for calls that must not be re-sent blindly, such as a
   * scroll continuation (a lost response has already advanced the scroll). 429s are retried regardless: Intercom
   * rejected those before doing anything.
   */
  maxAttempts?: number;
  /**
   * Fewer attempts for these statuses than for other failures, for a caller with a better next step than waiting:
   * the search pass asks for a smaller page after a gateway error. The TransientError then carries the status.
   */
  giveUpSoonerOn?: { statuses: readonly number[]; attempts: number };
  /**
   * The run's first request (GET /me). An answer that shows the settings are wrong rather than Intercom being
   * down — no connection, a TLS or DNS failure, no answer in time, a page that is not JSON, a redirect, 400 or
   * 404 — throws ConfigError at once, naming the URL and the setting to fix, instead of being retried.
   */
  connectionCheck?: boolean;
  /**
   * Sent as Intercom-Version for this request only, instead of the run's version: for an endpoint that exists only
   * from a later version (GET /conversations/deleted, 2.16), read while the rest of the run keeps its own.
   */
  intercomVersion?: string;
  /**
   * Ask for bytes (`Accept: application/octet-stream`, a reporting export's download): a 2xx answer resolves as the
   * unread Response, its body for the caller to stream. The time limit covers the answer's headers only, so a file
   * of hundreds of MB is not cut off; errors and retries are as for any request.
   */
  binary?: boolean;
}

export interface StreamHttpStats {
  requests: number;
  retries: number;
  rateLimited: number;
}

export interface HttpStats extends StreamHttpStats {
  /**
   * Milliseconds spent waiting for the rate-limit window to reset (after a 429 or a spent window): wall-clock
   * time, requests waiting side by side counted once.
   */
  rateLimitWaitMs: number;
  /**
   * Milliseconds spent backing off before retrying a failed request (5xx, network error, Retry-After): wall-clock
   * time, requests backing off side by side counted once (ten waiting 5 s together are 5 s).
   */
  backoffMs: number;
  /** Milliseconds spent waiting for another client to release the workspace's one company scroll. */
  scrollWaitMs: number;
  /**
   * The quickest answer so far, in ms from sending to the headers: how far the server is when nothing queues.
   * Undefined before the first answer (and from clients that do not measure it).
   */
  fastestAnswerMs?: number;
  byStream: Record<string, StreamHttpStats>;
}

export interface ApiClient {
  /** Resolves with the parsed JSON body of a 2xx response; throws a typed error from errors.ts otherwise. */
  request<T = unknown>(request: ApiRequest): Promise<T>;
  readonly stats: HttpStats;
  /** Intercom's current time in ms, estimated from the last response's Date header; undefined before any. */
  serverNow?(): number | undefined;
  /** The API origin requests go to (the region's host): documents link to the inbox of the same region. */
  readonly baseUrl?: string;
}

export type Region = "us" | "eu" | "au";

export const REGION_HOSTS: Record<Region, string> = {
  us: "https://api.intercom.io",
  eu: "https://api.eu.intercom.io",
  au: "https://api.au.intercom.io",
};

export { DEFAULT_API_VERSION as DEFAULT_INTERCOM_VERSION } from "../api-versions.ts";

/** What the HTTP layer reports for --verbose logging and the run summary. Never contains the token. */
export interface HttpEvent {
  /** `report-job`: a reporting export job waits for a slot, is retried, or is re-used from a killed run. */
  kind: "retry" | "rate-limit-wait" | "rate-limited" | "scroll-wait" | "scroll-restart" | "report-job";
  stream?: string;
  status?: number;
  attempt?: number;
  waitMs?: number;
  message: string;
}
