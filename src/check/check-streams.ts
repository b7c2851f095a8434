/**
 * What `intercom-sync check` finds out: one cheap request per selected stream (a parent shared by children probed
 * once), each answer classified as ok, missing (permission not granted) or error, one row per stream. The command
 * (src/cli/commands/check.ts) prints the rows and picks the exit code.
 * @example
 * const rows = await checkStreams({ client, streams: selectStreams(undefined), now: Math.floor(Date.now() / 1000) });
 */
import type { ApiVersion } from "../api-versions.ts";
import { listDatasets } from "../engine/reports/report-streams.ts";
import { referencePath, referencesOf } from "../engine/referenced-children.ts";
import { AuthError, IntercomApiError, PermissionError, TokenEchoedError, TransientError } from "../errors.ts";
import type { ApiClient, ApiRequest } from "../http/types.ts";
import { streamByName } from "../streams/catalog.ts";
import { childProbePath, probeRequest } from "../streams/probe.ts";
import { requestVersion } from "../streams/versioned.ts";
import type { JsonRecord, References, StreamDefinition } from "../streams/types.ts";
import { wholeTypeListing } from "../engine/whole-type-listing.ts";

export type CheckStatus = "ok" | "missing" | "error";

export interface CheckRow {
  stream: string;
  permission: string;
  status: CheckStatus;
  /** Short, never contains the token. */
  reason: string;
  /** The token or the workspace's plan was refused: exit 3 like a missing permission. */
  authFailure?: boolean;
  /** A setting names what the workspace does not have (a --custom-object-types type): exit 2, fix the setting. */
  badSetting?: boolean;
}

interface ProbeOutcome {
  status: CheckStatus;
  reason: string;
  /** The first record of the answer, for a child probe. */
  first?: JsonRecord;
  /** 401 (or no API subscription): every stream reports it the same way. */
  authFailure?: boolean;
  badSetting?: boolean;
}

export interface CheckOptions {
  client: ApiClient;
  streams: readonly StreamDefinition[];
  /** Unix seconds. */
  now: number;
  /** The run's Intercom-Version, for a stream whose request depends on it. Default 2.11. */
  intercomVersion?: ApiVersion;
  /**
   * The custom object types a sync would list whole (--custom-object-types): custom_object_instances is then
   * probed with each one's listing, the request the sync makes for it.
   */
  customObjectTypes?: readonly string[];
}

/** Probes every stream (a parent shared by several children is probed once) and returns one row per stream. */
export async function checkStreams(options: CheckOptions): Promise<CheckRow[]> {
  const { client, now, intercomVersion, customObjectTypes } = options;
  const cache = new Map<string, Promise<ProbeOutcome>>();

  const probeRoot = (stream: StreamDefinition): Promise<ProbeOutcome> => {
    let outcome = cache.get(stream.name);
    if (!outcome) {
      outcome = rootProbe(client, stream, now, intercomVersion);
      cache.set(stream.name, outcome);
    }
    return outcome;
  };

  const probe = async (stream: StreamDefinition): Promise<ProbeOutcome> => {
    if (!stream.parent) return probeRoot(stream);
    const whole = stream.read.kind === "child" ? stream.read.references?.whole : undefined;
    if (whole && customObjectTypes?.length) return wholeTypesProbe(client, stream, whole, customObjectTypes);
    const parent = streamByName(stream.parent.stream)!;
    const parentOutcome = await probeRoot(parent);
    if (parentOutcome.status !== "ok") {
      return { ...parentOutcome, reason: `${parentOutcome.reason} (reading ${parent.name})`, first: undefined };
    }
    // An export's other files come with its parent's job and download: what the parent may read, they may.
    if (stream.read.kind === "export-file") return { status: "ok", reason: "" };
    if (!parentOutcome.first || parentOutcome.first.id === undefined) {
      return { status: "ok", reason: `no ${parent.name} to try a child request with` };
    }
    const only = stream.read.kind === "child" ? stream.read.onlyParents : undefined;
    const first = parentOutcome.first;
    if (only && !Object.entries(only).every(([field, value]) => first[field] === value)) {
      // A lead has no merge history (404): the first contact cannot try the request; the parent's answer stands for it.
      return { status: "ok", reason: `the first ${parent.name} record is not one it is read for (${Object.values(only).join(", ")})` };
    }
    const asked = requestVersion(stream, intercomVersion);
    const version = asked ? { intercomVersion: asked } : {};
    // A batched child (calls by conversation ids) is tried with the first parent's id.
    const batch = stream.read.kind === "child" ? stream.read.batch : undefined;
    if (batch && stream.read.kind === "child") {
      const body = { [batch.idsField]: [String(first.id)] };
      return withFeature(stream, await attempt(client, { method: "POST", path: stream.read.path, body, stream: stream.name, ...version }, []));
    }
    const references = stream.read.kind === "child" ? stream.read.references : undefined;
    if (references && stream.read.kind === "child") {
      // Tried with the first record the first parent refers to; a parent that refers to none tries nothing.
      const [ref] = referencesOf(first, references);
      if (!ref) return { status: "ok", reason: `the first ${parent.name} record refers to no record to try` };
      return withFeature(
        stream,
        await attempt(client, { method: "GET", path: referencePath(stream.read, ref), stream: stream.name, ...version }, []),
      );
    }
    const path = childProbePath(stream, first);
    // An embedded stream without a request of its own can read whatever its parent can.
    if (path === undefined) return { status: "ok", reason: "" };
    return withFeature(stream, await attempt(client, { method: "GET", path, stream: stream.name, ...version }, []));
  };

  const outcomes = await Promise.all(options.streams.map(probe));
  const authFailure = outcomes.find((outcome) => outcome.authFailure);
  return options.streams.map((stream, index) => {
    const outcome = authFailure ?? outcomes[index]!;
    return {
      stream: stream.name,
      permission: stream.permission,
      status: outcome.status,
      reason: outcome.reason,
      ...(outcome.authFailure ? { authFailure: true } : {}),
      ...(outcome.badSetting ? { badSetting: true } : {}),
    };
  });
}

/**
 * Each named type's whole listing, one record, asked as the sync asks it (whole-type-listing.ts). A 404 is a type the
 * workspace lacks: the sync would skip it with a warning, but a check is where a misspelt name shows, so every type
 * is tried and all those missing are named. Any other failure (a missing permission) is the stream's, as for others.
 */
async function wholeTypesProbe(
  client: ApiClient,
  stream: StreamDefinition,
  whole: NonNullable<References["whole"]>,
  types: readonly string[],
): Promise<ProbeOutcome> {
  const missing: string[] = [];
  let found: ProbeOutcome = { status: "ok", reason: "" };
  for (const type of types) {
    const { path, query, intercomVersion } = wholeTypeListing(whole, type, 1);
    const outcome = await attempt(client, { method: "GET", path, query, intercomVersion, stream: stream.name }, whole.recordPath);
    if (outcome.status === "error" && outcome.reason.startsWith("HTTP 404")) missing.push(type);
    else if (outcome.status !== "ok") return withFeature(stream, outcome);
    else found = outcome;
  }
  if (missing.length === 0) return found;
  const named = missing.map((type) => `"${type}"`).join(", ");
  return {
    status: "error",
    reason: `this workspace has no custom object type${missing.length > 1 ? "s" : ""} ${named} (HTTP 404): fix --custom-object-types`,
    badSetting: true,
  };
}

async function rootProbe(client: ApiClient, stream: StreamDefinition, now: number, version?: ApiVersion): Promise<ProbeOutcome> {
  const probe = probeRequest(stream, now, version);
  if (!probe) throw new Error(`${stream.name} is a child stream and has no probe of its own`);
  const { recordPath, ...request } = probe;
  const outcome = await attempt(client, { ...request, stream: stream.name }, recordPath);
  // An export job's probe asks for a job that does not exist: its 404 says the token got past the permission check.
  if (stream.read.kind === "export-job" && outcome.status === "error" && outcome.reason.startsWith("HTTP 404")) {
    return { status: "ok", reason: "" };
  }
  return withFeature(stream, outcome);
}

/** A workspace without the stream's feature (calls) has nothing to read: a sync says so and goes on, so check does too. */
function withFeature(stream: StreamDefinition, outcome: ProbeOutcome): ProbeOutcome {
  if (stream.feature === undefined) return outcome;
  if (outcome.status === "error" && outcome.reason.startsWith("HTTP 404")) {
    return { status: "ok", reason: `this workspace has no ${stream.feature} (HTTP 404)` };
  }
  if (outcome.status === "missing") return { ...outcome, reason: `${outcome.reason}, or this workspace has no ${stream.feature}` };
  return outcome;
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
  // Not one stream's problem: whatever answers echoes the credentials, so the check stops there (exit 2).
  if (error instanceof TokenEchoedError) throw error;
  if (error instanceof AuthError) {
    const reason = error.status === 401 ? "token invalid" : "no active subscription with API access";
    return { status: "error", reason, authFailure: true };
  }
  if (error instanceof PermissionError) return { status: "missing", reason: "HTTP 403, not granted to this token" };
  if (error instanceof IntercomApiError) return { status: "error", reason: `HTTP ${error.status}${error.code ? ` ${error.code}` : ""}` };
  if (error instanceof TransientError) {
    const cause = error.cause instanceof Error ? error.cause.message : "";
    // The row already names the stream.
    const prefix = `stream ${error.stream}: `;
    const last = cause ? `: ${shorten(cause.startsWith(prefix) ? cause.slice(prefix.length) : cause)}` : "";
    return { status: "error", reason: `gave up after ${error.attempts} attempts${last}` };
  }
  return { status: "error", reason: error instanceof Error ? shorten(error.message) : String(error) };
}

/** What the reporting export asks of a token, as Intercom's Developer Hub names it. */
const PERMISSION_OF_REPORTS = "Read conversations";

/** Report streams: one listing of the workspace's datasets (the export's own permission), then each named one. */
export async function checkReportStreams(client: ApiClient, datasets: "all" | string[], intercomVersion: string): Promise<CheckRow[]> {
  const permission = PERMISSION_OF_REPORTS;
  let listed: string[];
  try {
    listed = (await listDatasets(client, intercomVersion)).map((dataset) => dataset.id);
  } catch (error) {
    const outcome = classify(error);
    const names = datasets === "all" ? ["reports"] : datasets.map((d) => `report_${d}`);
    return names.map((stream) => ({
      stream,
      permission,
      status: outcome.status,
      reason: outcome.reason,
      ...(outcome.authFailure ? { authFailure: true } : {}),
    }));
  }
  const wanted = datasets === "all" ? listed : datasets;
  return wanted.map((dataset) => ({
    stream: `report_${dataset}`,
    permission,
    ...(listed.includes(dataset)
      ? { status: "ok" as const, reason: "" }
      : { status: "error" as const, reason: `no such dataset in this workspace (it has ${listed.join(", ")})` }),
  }));
}

/** One table cell: the first line, cut to 80 characters. */
function shorten(message: string): string {
  const line = message.split("\n", 1)[0]!;
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

function firstRecord(body: unknown, recordPath: string[]): JsonRecord | undefined {
  let value: unknown = body;
  for (const key of recordPath) value = (value as Record<string, unknown> | null | undefined)?.[key];
  const first = Array.isArray(value) ? value[0] : undefined;
  return typeof first === "object" && first !== null ? (first as JsonRecord) : undefined;
}
