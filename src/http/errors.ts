/**
 * Typed failures of the HTTP layer. The CLI maps them to messages and exit codes in one place.
 * None of them ever carries the access token.
 */

export interface IntercomErrorBody {
  type?: string;
  request_id?: string | null;
  errors?: { code: string; message?: string | null; field?: string | null }[];
}

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

import { ConfigError } from "../errors.ts";

// Defined with the other errors that cross layers; re-exported for the HTTP layer's own users.
export { ConfigError };

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
