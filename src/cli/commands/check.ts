/**
 * `intercom-sync check`: one cheap request per selected stream, to tell before a long sync which streams the
 * token can read. Prints stream, required Intercom permission and ok / missing / error; exit 0 when every
 * selected stream is readable, 3 otherwise.
 * @example
 * INTERCOM_ACCESS_TOKEN=… intercom-sync check --streams tickets,activity_logs
 */
import { resolveBaseUrl } from "../../http/base-url.ts";
import { createApiClient } from "../../http/client.ts";
import { AuthError, ConfigError, IntercomApiError, PermissionError, TransientError } from "../../http/errors.ts";
import { checkHeaderValues } from "../../http/headers.ts";
import type { ApiClient, ApiRequest } from "../../http/types.ts";
import { runtime } from "../../runtime/mod.ts";
import { streamByName } from "../../streams/catalog.ts";
import { selectStreams } from "../../streams/select.ts";
import type { JsonRecord, StreamDefinition, StreamName } from "../../streams/types.ts";
import { TOOL_NAME, TOOL_VERSION } from "../../version.ts";
import { EXIT } from "../exit-codes.ts";
import { createLogger } from "../logger.ts";
import type { CliCommand } from "../parser.ts";
import { table } from "../summary.ts";

type CheckCommand = Extract<CliCommand, { command: "check" }>;

/** The request a probe makes; anything left out comes from the stream definition. */
interface Probe {
  method?: "GET" | "POST";
  path?: string;
  /** `now` is unix seconds, injected so tests need no clock. */
  query?: (now: number) => Record<string, string | number>;
  body?: unknown;
  /** Where the records sit in the probe's answer, when it differs from the stream's. */
  recordPath?: string[];
}

const DAY = 86_400;

/** The smallest search Intercom accepts: everything, one record per page. */
const TINY_SEARCH = { query: { field: "updated_at", operator: ">", value: 0 }, pagination: { per_page: 1 } };

/**
 * How each stream is probed. Child streams (company_segments, conversation_parts) have no entry of their own:
 * they reuse their parent's probe and then fetch one child for the first id it returned.
 */
const PROBES: Record<StreamName, Probe | "child"> = {
  activity_logs: { query: (now) => ({ created_at_after: now - DAY, created_at_before: now }) },
  admins: {},
  // Not the scroll: a workspace has one scroll at a time and an open one would block a real sync for a minute.
  companies: { path: "/companies", query: () => ({ per_page: 1 }), recordPath: ["data"] },
  company_segments: "child",
  company_attributes: {},
  contact_attributes: {},
  contacts: { body: TINY_SEARCH },
  conversations: { body: TINY_SEARCH },
  conversation_parts: "child",
  segments: {},
  tags: {},
  teams: {},
  tickets: { body: TINY_SEARCH },
};

export type CheckStatus = "ok" | "missing" | "error";

export interface CheckRow {
  stream: StreamName;
  permission: string;
  status: CheckStatus;
  /** Short, never contains the token. */
  reason: string;
}

interface ProbeOutcome {
  status: CheckStatus;
  reason: string;
  /** The first record of the answer, for a child probe. */
  first?: JsonRecord;
  /** 401 (or no API subscription): every stream reports it the same way. */
  authFailure?: boolean;
}

export interface CheckOptions {
  client: ApiClient;
  streams: readonly StreamDefinition[];
  /** Unix seconds. */
  now: number;
}

/** Probes every stream (a parent shared by several children is probed once) and returns one row per stream. */
export async function checkStreams(options: CheckOptions): Promise<CheckRow[]> {
  const { client, now } = options;
  const cache = new Map<StreamName, Promise<ProbeOutcome>>();

  const probeRoot = (stream: StreamDefinition): Promise<ProbeOutcome> => {
    let outcome = cache.get(stream.name);
    if (!outcome) {
      outcome = rootProbe(client, stream, now);
      cache.set(stream.name, outcome);
    }
    return outcome;
  };

  const probe = async (stream: StreamDefinition): Promise<ProbeOutcome> => {
    if (PROBES[stream.name] !== "child" || !stream.parent) return probeRoot(stream);
    const parent = streamByName(stream.parent.stream)!;
    const parentOutcome = await probeRoot(parent);
    if (parentOutcome.status !== "ok") {
      return { ...parentOutcome, reason: `${parentOutcome.reason} (reading ${parent.name})`, first: undefined };
    }
    if (!parentOutcome.first || parentOutcome.first.id === undefined) {
      return { status: "ok", reason: `no ${parent.name} to try a child request with` };
    }
    return attempt(client, { method: "GET", path: stream.parent.path(parentOutcome.first), stream: stream.name }, []);
  };

  const outcomes = await Promise.all(options.streams.map(probe));
  const authFailure = outcomes.find((outcome) => outcome.authFailure);
  return options.streams.map((stream, index) => {
    const outcome = authFailure ?? outcomes[index]!;
    return { stream: stream.name, permission: stream.permission, status: outcome.status, reason: outcome.reason };
  });
}

function rootProbe(client: ApiClient, stream: StreamDefinition, now: number): Promise<ProbeOutcome> {
  const probe = PROBES[stream.name];
  if (probe === "child") throw new Error(`${stream.name} is a child stream and has no probe of its own`);
  const method = probe.method ?? stream.method;
  const request: ApiRequest = {
    method,
    path: probe.path ?? stream.path,
    query: probe.query ? probe.query(now) : stream.query,
    body: probe.body,
    stream: stream.name,
  };
  return attempt(client, request, probe.recordPath ?? stream.recordPath);
}

async function attempt(client: ApiClient, request: ApiRequest, recordPath: string[]): Promise<ProbeOutcome> {
  try {
    const body = await client.request(request);
    return { status: "ok", reason: "", first: firstRecord(body, recordPath) };
  } catch (error) {
    return classify(error);
  }
}

function classify(error: unknown): ProbeOutcome {
  if (error instanceof AuthError) {
    const reason = error.status === 401 ? "token invalid" : "no active subscription with API access";
    return { status: "error", reason, authFailure: true };
  }
  if (error instanceof PermissionError) return { status: "missing", reason: "HTTP 403, not granted to this token" };
  if (error instanceof IntercomApiError) return { status: "error", reason: `HTTP ${error.status}${error.code ? ` ${error.code}` : ""}` };
  if (error instanceof TransientError) {
    const last = /last: ([^;(]+?)(?: \(|\. |$)/.exec(error.message)?.[1];
    return { status: "error", reason: `gave up after ${error.attempts} attempts${last ? `: ${last}` : ""}` };
  }
  return { status: "error", reason: error instanceof Error ? error.message.slice(0, 80) : String(error) };
}

function firstRecord(body: unknown, recordPath: string[]): JsonRecord | undefined {
  let value: unknown = body;
  for (const key of recordPath) value = (value as Record<string, unknown> | null | undefined)?.[key];
  const first = Array.isArray(value) ? value[0] : undefined;
  return typeof first === "object" && first !== null ? (first as JsonRecord) : undefined;
}

/** The table on stdout (it is the command's answer); advice goes to stderr. */
export function formatCheck(rows: readonly CheckRow[]): string {
  const cells = rows.map((row) => [row.stream, row.permission, row.reason ? `${row.status}: ${row.reason}` : row.status]);
  return `${table([["stream", "Intercom permission", "status"], ...cells])}\n`;
}

/**
 * GET /me first, as a sync does: a wrong address, certificate or header ends the check with one ConfigError
 * (exit 2) instead of a table of identical network errors. Anything else (a bad token, a 5xx) is left to the
 * per-stream probes, which report it row by row.
 */
async function connectionCheck(client: ApiClient): Promise<void> {
  try {
    await client.request({ method: "GET", path: "/me", connectionCheck: true });
  } catch (error) {
    if (error instanceof ConfigError) throw error;
  }
}

export async function checkCommand(options: CheckCommand, write: (text: string) => void): Promise<number> {
  const logger = createLogger({ format: options.logFormat, quiet: options.quiet, verbose: options.verbose });
  const token = options.token ?? runtime.env("INTERCOM_ACCESS_TOKEN");
  if (!token || token.trim() === "") {
    throw new ConfigError("no Intercom access token: set INTERCOM_ACCESS_TOKEN (Developer Hub > your app > Authentication)");
  }
  checkHeaderValues({ token: token.trim(), intercomVersion: options.intercomVersion });
  const baseUrl = resolveBaseUrl({
    baseUrl: options.baseUrl,
    region: options.region,
    envBaseUrl: runtime.env("INTERCOM_BASE_URL"),
    allowInsecureHttp: options.allowInsecureHttp,
  });
  const client = createApiClient({
    baseUrl,
    token,
    intercomVersion: options.intercomVersion,
    userAgent: `${TOOL_NAME}/${TOOL_VERSION}`,
    allowInsecureHttp: options.allowInsecureHttp,
    // A check should answer in seconds; a flaky endpoint shows up as "error" rather than stalling.
    maxAttempts: 2,
    timeoutMs: options.requestTimeout * 1000,
    retry: { maxRateLimitRetries: 2, backoffBaseMs: 500 },
    onEvent: (event) => logger.debug(event.message, { event: event.kind, stream: event.stream }),
  });
  await connectionCheck(client);
  const rows = await checkStreams({ client, streams: selectStreams(options.streams), now: Math.floor(Date.now() / 1000) });
  write(formatCheck(rows));

  const missing = rows.filter((row) => row.status === "missing");
  if (missing.length > 0) {
    const permissions = [...new Set(missing.map((row) => `"${row.permission}"`))].join(", ");
    logger.warn(`grant ${permissions} to the app in the Developer Hub, or leave ${missing.map((row) => row.stream).join(", ")} out of --streams`);
  }
  if (rows.some((row) => row.reason === "token invalid")) {
    logger.error("the access token was refused (401); check INTERCOM_ACCESS_TOKEN and the region (--region us|eu|au)");
  }
  const unreadable = rows.filter((row) => row.status !== "ok").length;
  if (unreadable === 0) logger.info(`all ${rows.length} streams are readable`);
  return unreadable === 0 ? EXIT.ok : EXIT.auth;
}
