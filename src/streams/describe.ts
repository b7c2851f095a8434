/**
 * Words for a stream, derived from its definition: where its records come from and how it follows changes.
 * `intercom-sync streams` and the README's stream table (scripts/gen-readme.ts) both print these.
 */
import { incrementalCursor } from "./sync-modes.ts";
import type { ApiVersion } from "../api-versions.ts";
import type { ReadSpec, StreamDefinition } from "./types.ts";

/**
 * The request behind the stream, e.g. "POST /contacts/search" or "GET /conversations/{id} per conversations record";
 * a stream with `readOn` adds what it reads from each of those versions on.
 */
export function describeSource(stream: StreamDefinition): string {
  const later = Object.entries(stream.readOn ?? {}) as [ApiVersion, ReadSpec][];
  return [describeRead(stream.read), ...later.map(([version, read]) => `from ${version}: ${describeRead(read)}`)].join("; ");
}

function describeRead(read: ReadSpec): string {
  const query = read.query ? `?${new URLSearchParams(Object.entries(read.query).map(([k, v]) => [k, String(v)]))}` : "";
  switch (read.kind) {
    case "search":
      return `POST ${read.path}`;
    case "child":
      return `GET ${read.path} per ${read.parent} record`;
    case "list":
      return `GET ${read.path}${query} (paged)`;
    case "windowed-list":
      return `GET ${read.path}${query} (${read.startParam}/${read.endParam} windows)`;
    default:
      return `GET ${read.path}${query}`;
  }
}

export function describeCursor(stream: StreamDefinition): string {
  switch (stream.sync) {
    case "full":
      return "none (read whole every run)";
    case "client-cursor":
      return `${stream.cursorField} (client-side: every run reads all)`;
    case "search":
      return `${stream.cursorField} (server-side search)`;
    case "created-window":
      return `${stream.cursorField} (time windows)`;
    case "child":
      return incrementalCursor(stream) === undefined
        ? `none (read for every ${stream.parent!.stream} record on every run)`
        : `follows ${stream.parent!.stream} (only those updated since the cursor)`;
  }
}
