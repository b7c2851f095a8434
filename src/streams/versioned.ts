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

function fromVersion<T>(byVersion: Partial<Record<ApiVersion, T>> | undefined, version: ApiVersion): T | undefined {
  if (!byVersion) return undefined;
  let found: T | undefined;
  // API_VERSIONS is in ascending order.
  for (const candidate of API_VERSIONS.slice(0, API_VERSIONS.indexOf(version) + 1)) found = byVersion[candidate] ?? found;
  return found;
}
