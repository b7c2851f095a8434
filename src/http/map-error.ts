/**
 * The one function that turns an Intercom error answer into a typed error. Retrying is decided elsewhere;
 * this only names what happened.
 * @example
 * mapErrorResponse({ status: 401, body, method: "GET", path: "/contacts", stream: "contacts" }); // AuthError
 */
import { cut } from "./format.ts";
import {
  AuthError,
  GoneError,
  IntercomApiError,
  NotFoundError,
  PermissionError,
  ReportJobsBusyError,
  ScrollExistsError,
  ScrollRestartError,
} from "../errors.ts";

/** The error body Intercom answers with. */
interface IntercomErrorBody {
  type?: string;
  request_id?: string | null;
  errors?: { code: string; message?: string | null; field?: string | null }[];
}

export interface ErrorResponse {
  status: number;
  /** Parsed JSON body, or undefined when it was not JSON. */
  body: unknown;
  method: string;
  /** Path without the query string (cursors and scroll params stay out of messages). */
  path: string;
  /** Whether the request continued a company scroll (carried a scroll_param). */
  scrollContinuation?: boolean;
  stream?: string;
  /** Location header of a 3xx (the client does not follow redirects). */
  location?: string;
}

/**
 * The export jobs' 429: too many pending jobs, not too many requests ("… of 5 pending reporting dataset export
 * jobs", the reporting export; "… of 1 pending message data export jobs", the content data export).
 */
export const PENDING_JOBS = /pending (reporting dataset|message data) export jobs/i;

const SCROLL_PATH = /\/companies\/scroll$/;

/** Names the failure behind a non-2xx answer; the message says where, what Intercom said, and what to do. */
export function mapErrorResponse(response: ErrorResponse): IntercomApiError {
  const { status, stream } = response;
  const { code, message, requestId } = readErrorBody(response.body);
  const said = `${response.method} ${response.path} → ${status}${code ? ` ${code}` : ""}${message ? `: ${message}` : ""}`;
  const where = stream ? `stream ${stream}: ` : "";
  const ref = requestId ? ` (Intercom request_id ${requestId})` : "";
  const make = <E extends IntercomApiError>(
    Kind: new (m: string, s: number, c: string | undefined, r: string | undefined, st: string | undefined) => E,
    advice: string,
  ) => new Kind(`${where}${said}${ref}. ${advice}`, status, code, requestId, stream);

  if (status === 429 && PENDING_JOBS.test(message ?? "")) {
    return make(ReportJobsBusyError, "The workspace holds as many pending export jobs as Intercom allows; wait for one to finish.");
  }
  if (status === 401) {
    return make(AuthError, "The access token is invalid or revoked; create a new one in the Developer Hub and set INTERCOM_ACCESS_TOKEN.");
  }
  if (status === 403 && (code === "api_plan_restricted" || /active subscription needed/i.test(message ?? ""))) {
    return make(AuthError, "The workspace has no active subscription that includes API access; nothing can be exported until it does.");
  }
  if (status === 403) {
    return make(PermissionError, "The token lacks a permission this stream needs; grant it to the app in the Developer Hub or skip the stream.");
  }
  if (status === 400 && /scroll already exists/i.test(message ?? "")) {
    return make(ScrollExistsError, "Another client holds the workspace's one company scroll.");
  }
  if (status >= 500 && /restart the scroll/i.test(message ?? "")) {
    return make(ScrollRestartError, "The company scroll broke and must start over.");
  }
  if ((status === 404 || status === 400) && response.scrollContinuation && SCROLL_PATH.test(response.path)) {
    // An idle scroll expires after a minute and its scroll_param then fails; only a fresh scroll helps.
    return make(ScrollRestartError, "The company scroll expired or is unknown and must start over.");
  }
  if (status === 410) {
    return make(GoneError, "The resource is gone (a contact merged into another answers so from API 2.16 on).");
  }
  if (status === 404) {
    return make(NotFoundError, "The resource does not exist (it may have been deleted during the sync).");
  }
  if (status >= 300 && status < 400) {
    const target = response.location ? ` to ${response.location}` : "";
    return make(IntercomApiError, `The server redirected${target}; check the base URL (Intercom's API wants https:// and the regional host).`);
  }
  if (status === 429) return make(IntercomApiError, "Intercom's rate limit was exceeded.");
  if (status >= 500) return make(IntercomApiError, "Intercom had a server error.");
  return make(IntercomApiError, "Intercom rejected the request.");
}

/** Intercom's error code, first message and request id, from an `error.list` body; empty for anything else. */
export function readErrorBody(body: unknown): { code?: string; message?: string; requestId?: string } {
  if (typeof body !== "object" || body === null) return {};
  const error = body as IntercomErrorBody & { message?: unknown };
  const first = Array.isArray(error.errors) ? error.errors[0] : undefined;
  const message = first?.message ?? (typeof error.message === "string" ? error.message : undefined);
  return {
    code: typeof first?.code === "string" ? first.code : undefined,
    message: typeof message === "string" ? cut(message, 500) : undefined,
    requestId: typeof error.request_id === "string" ? error.request_id : undefined,
  };
}
