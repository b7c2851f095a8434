/**
 * Words for a stream, derived from its definition: where its records come from and how it follows changes.
 * `intercom-sync streams` and the README's stream table (scripts/gen-readme.ts) both print these.
 */
import { incrementalCursor } from "./sync-modes.ts";
import type { ApiVersion } from "../api-versions.ts";
import { type ChildRead, parentStreams, type ReadSpec, type StreamDefinition } from "./types.ts";

/**
 * The request behind the stream, e.g. "POST /contacts/search" or "GET /conversations/{id} per conversations record";
 * for an embedded stream, where in the parent it sits and the request made only for a truncated list; a stream
 * with `readOn` adds what it reads from each of those versions on.
 */
export function describeSource(stream: StreamDefinition): string {
  const later = Object.entries(stream.readOn ?? {}) as [ApiVersion, ReadSpec][];
  return [describeRead(stream.read), ...later.map(([version, read]) => `from ${version}: ${describeRead(read)}`)].join("; ");
}

function describeRead(read: ReadSpec): string {
  if (read.kind === "document") {
    return `rendered from each ${singular(read.parent)}${read.parts ? ` and its ${read.parts}` : ""} the run reads`;
  }
  if (read.kind === "embedded") {
    const where = `\`${read.field.join(".")}\` of each ${read.parent} record`;
    return read.more ? `${where}; GET ${read.more.path} when it has_more` : where;
  }
  if (read.kind === "membership") {
    const groups = read.groups.query ? `?${new URLSearchParams(Object.entries(read.groups.query).map(([k, v]) => [k, String(v)]))}` : "";
    return `GET ${read.groups.path}${groups}, then GET ${read.members.path}?${read.members.groupParam}={id} per group; GET ${read.perParent.path} where a listing falls short${
      read.members.embedded ? ` and the ${read.parent}' own ${read.members.embedded[0]} lists do not make up its count` : ""
    }`;
  }
  if (read.kind === "export-job") return `POST ${read.path} (a job), then GET ${read.path}/{job} and GET ${read.download}/{job}`;
  if (read.kind === "export-file") return `the other files of ${read.parent}' export download (the same job)`;
  const query = read.query ? `?${new URLSearchParams(Object.entries(read.query).map(([k, v]) => [k, String(v)]))}` : "";
  switch (read.kind) {
    case "search":
      return `POST ${read.path}`;
    case "child":
      if (read.references) {
        const whole = read.references.whole ? `; a type named to be read whole: GET ${read.references.whole.path} (paged)` : "";
        return `GET ${read.path} per record a ${parentStreams(read).map(singular).join(" or ")} refers to${whole}`;
      }
      return read.batch ? `POST ${read.path} per ${read.batch.size} ${read.parent} records` : `GET ${read.path} per ${read.parent} record`;
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
      return stream.read.kind === "list" && stream.read.sinceParam
        ? `${stream.cursorField} (server-side \`${stream.read.sinceParam}\`)`
        : `${stream.cursorField} (client-side: every run reads all)`;
    case "search":
      return `${stream.cursorField} (server-side search)`;
    case "created-window":
      return `${stream.cursorField} (time windows)`;
    case "child":
      if (stream.read.kind === "export-file") return `follows ${stream.parent!.stream} (the events of its job's window)`;
      return incrementalCursor(stream) === undefined
        ? `none (read for every ${stream.parent!.stream} record on every run)`
        : `follows ${
          stream.read.kind === "child" ? parentStreams(stream.read).join(" and ") : stream.parent!.stream
        } (only those updated since the cursor)`;
  }
}

/**
 * What the stream costs in requests, e.g. "1 per page" or "1 per contact (opt-in)": a child costs one request
 * (and one per further page, when paged) per record of its parent, which is what makes a stream opt-in.
 */
export function describeCost(stream: StreamDefinition): string {
  const { read } = stream;
  const optIn = stream.optIn ? " (opt-in)" : "";
  if (read.kind === "embedded") {
    return read.more
      ? `none: embedded in its ${singular(read.parent)}, 1 per truncated list${optIn}`
      : `none: embedded in its ${singular(read.parent)}${optIn}`;
  }
  if (read.kind === "document") {
    // The parts' request serves both streams: one per parent whichever of them is selected.
    if (read.parts) return `1 per ${singular(read.parent)}, the same request as ${read.parts} (none more with both)${optIn}`;
    return `none: rendered from its ${singular(read.parent)}${optIn}`;
  }
  if (read.kind === "membership") {
    return `1 per page of each group's members, +1 per ${singular(read.parent)} a listing may miss${
      read.members.embedded ? ` (none when the ${read.parent}' own lists make up each count)` : ""
    }${optIn}`;
  }
  if (read.kind === "export-job") return `1 job a run: 1 to enqueue, 1 per poll, 1 download${optIn}`;
  if (read.kind === "export-file") return `none: the same job and download as ${read.parent}${optIn}`;
  if (read.kind !== "child") return `1 per page${optIn}`;
  if (read.batch) return `1 per ${read.batch.size} ${read.parent}${optIn}`;
  if (read.references) {
    const whole = read.references.whole ? `; 1 per ${read.references.whole.perPage} of a type read whole` : "";
    return `1 per record the ${parentStreams(read).join(" and ")} refer to, each once a run${whole}${optIn}`;
  }
  const perParent = `1 per ${singular(read.parent)}${onlyParentsWords(read)}`;
  return `${read.paged ? `${perParent}, +1 per further page` : perParent}${optIn}`;
}

/** " with role user" for a child asked for some parents only (ChildRead.onlyParents), else "". */
export function onlyParentsWords(read: ChildRead): string {
  return read.onlyParents ? ` with ${Object.entries(read.onlyParents).map(([field, value]) => `${field} ${value}`).join(" and ")}` : "";
}

/** One record of a stream, for messages: "conversation 123", "company 5". */
export function singular(stream: string): string {
  return stream.endsWith("ies") ? `${stream.slice(0, -3)}y` : stream.replace(/s$/, "");
}
