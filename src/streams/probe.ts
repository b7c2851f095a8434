/**
 * The one cheap request `intercom-sync check` makes for a root stream, derived from how the stream is read (one
 * record of a list, one day of a windowed list, a one-record search), unless the stream declares its own.
 * A child has none: check reads one record of its parent and asks for that record's children (childProbePath).
 */
import type { ApiVersion } from "../api-versions.ts";
import { isChildRead, type JsonRecord, type StreamDefinition } from "./types.ts";
import { answeredVersion, readOn, requestVersion } from "./versioned.ts";

export interface ProbeRequest {
  method: "GET" | "POST";
  path: string;
  query?: Record<string, string | number | boolean>;
  body?: unknown;
  recordPath: string[];
  /** The stream's own version when the run's is older than its `since` (versioned.ts requestVersion). */
  intercomVersion?: ApiVersion;
}

const DAY = 86_400;

/**
 * `now` is unix seconds, injected so tests need no clock; `version` picks the read of a stream with `readOn`
 * (default 2.11). Undefined for a child stream.
 */
export function probeRequest(stream: StreamDefinition, now: number, version?: ApiVersion): ProbeRequest | undefined {
  const { probe } = stream;
  const read = readOn(stream, answeredVersion(stream, version));
  if (isChildRead(read) || read.kind === "document" || read.kind === "export-file") return undefined;
  const asked = requestVersion(stream, version);
  const withVersion = (request: ProbeRequest): ProbeRequest => (asked ? { ...request, intercomVersion: asked } : request);
  const derived: ProbeRequest = (() => {
    switch (read.kind) {
      case "single":
      case "scroll":
        return { method: "GET", path: read.path, query: read.query, recordPath: read.recordPath };
      case "list":
        return { method: "GET", path: read.path, query: { ...read.query, per_page: 1 }, recordPath: read.recordPath };
      case "windowed-list":
        return {
          method: "GET",
          path: read.path,
          query: { ...read.query, [read.startParam]: now - DAY, [read.endParam]: now },
          recordPath: read.recordPath,
        };
      case "export-job":
        // Enqueueing would take the workspace's one export job: the status of a job that does not exist is asked
        // instead, and its 404 (not a 403) says the token may use the export (check-streams.ts).
        return { method: "GET", path: `${read.path}/intercom-sync-check`, recordPath: [] };
      case "search":
        // The smallest search Intercom accepts: everything, one record per page.
        return {
          method: "POST",
          path: read.path,
          body: { query: { field: stream.cursorField, operator: ">", value: 0 }, pagination: { per_page: 1 } },
          recordPath: read.recordPath,
        };
    }
  })();
  if (!probe) return withVersion(derived);
  return withVersion({
    method: probe.method ?? derived.method,
    path: probe.path ?? derived.path,
    query: probe.query ? probe.query(now) : derived.query,
    body: probe.body ?? derived.body,
    recordPath: probe.recordPath ?? derived.recordPath,
  });
}

/**
 * The request `check` makes for a child stream, given one record of its parent: the child request itself, or for
 * an embedded stream the request for its whole list (so the permission that request needs is checked even when
 * no list happens to be truncated). Undefined when the stream makes no request of its own: the parent's probe
 * then answers for it.
 */
export function childProbePath(stream: StreamDefinition, parent: JsonRecord): string | undefined {
  return stream.parent?.path?.(parent);
}
