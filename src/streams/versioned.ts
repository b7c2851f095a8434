/**
 * What a stream reads, and which component its schema comes from, on one API version: the `readOn` /
 * `schema.componentOn` entry of the latest version at or before it, else the stream's own `read` / `component`.
 * The engine, the check probe and the schema generator all resolve through here.
 * @example readOn(conversationAttributes, "2.16").path; // "/conversations/attributes"
 */
import { API_VERSIONS, type ApiVersion, DEFAULT_API_VERSION } from "../api-versions.ts";
import type { ReadSpec, StreamSpec } from "./types.ts";

export function readOn(stream: Pick<StreamSpec, "read" | "readOn">, version: ApiVersion = DEFAULT_API_VERSION): ReadSpec {
  return fromVersion(stream.readOn, version) ?? stream.read;
}

export function componentOn(stream: Pick<StreamSpec, "schema">, version: ApiVersion = DEFAULT_API_VERSION): string {
  const component = fromVersion(stream.schema.componentOn, version) ?? stream.schema.component;
  // A document's schema is intercom-sync's own (schema.own): no component of the description to name.
  if (component === undefined) throw new Error("a stream with its own schema derives it from no component");
  return component;
}

/** Every read a stream may make, `read` first: for the checks that must hold on every version. */
export function allReads(stream: Pick<StreamSpec, "read" | "readOn">): ReadSpec[] {
  return [stream.read, ...API_VERSIONS.flatMap((version) => stream.readOn?.[version] ?? [])];
}

/**
 * The Intercom-Version a stream's requests send on a run of `version`: the stream's `since` when the run's version
 * is older (the endpoint does not exist there), else undefined (the run's own header).
 * @example requestVersion({ since: "2.16" }, "2.11"); // "2.16"
 */
export function requestVersion(stream: Pick<StreamSpec, "since">, version: ApiVersion = DEFAULT_API_VERSION): ApiVersion | undefined {
  if (stream.since === undefined) return undefined;
  return API_VERSIONS.indexOf(version) < API_VERSIONS.indexOf(stream.since) ? stream.since : undefined;
}

/** The version whose shape a stream's records come in on a run of `version`: the later of the two. */
export function answeredVersion(stream: Pick<StreamSpec, "since">, version: ApiVersion = DEFAULT_API_VERSION): ApiVersion {
  return requestVersion(stream, version) ?? version;
}

/** The first version that serves the stream, for `streams` and the README: its `since`, else the oldest shipped. */
export function firstVersion(stream: Pick<StreamSpec, "since">): ApiVersion {
  return stream.since ?? API_VERSIONS[0];
}

function fromVersion<T>(byVersion: Partial<Record<ApiVersion, T>> | undefined, version: ApiVersion): T | undefined {
  if (!byVersion) return undefined;
  let found: T | undefined;
  // API_VERSIONS is in ascending order.
  for (const candidate of API_VERSIONS.slice(0, API_VERSIONS.indexOf(version) + 1)) found = byVersion[candidate] ?? found;
  return found;
}
