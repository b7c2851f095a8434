/**
 * `defineStream` turns what a stream's file declares into the definition the engine runs, deriving what follows
 * from it (the sync kind, the parent link) so that nothing is declared twice, and refusing contradictions at
 * load time (a search without a cursor field, a template field the parent cannot fill).
 * @example
 * export const tags = defineStream({ name: "tags", read: { kind: "single", path: "/tags", recordPath: ["data"] }, … });
 */
import {
  type AnyChildRead,
  type DocumentRead,
  type ExportFileRead,
  isChildRead,
  type JsonRecord,
  type ParentLink,
  type StreamDefinition,
  type StreamSpec,
  type SyncKind,
} from "./types.ts";

export function defineStream<const Spec extends StreamSpec>(spec: Spec): StreamDefinition & { name: Spec["name"] } {
  const sync = syncKindOf(spec);
  for (const [version, read] of Object.entries(spec.readOn ?? {})) {
    // Another kind would change how the stream syncs (and its state) with the version.
    if (read.kind !== spec.read.kind) throw new Error(`stream ${spec.name}: readOn ${version} is a ${read.kind} read, not ${spec.read.kind}`);
  }
  const read = spec.read;
  const parent = read.kind === "document" || read.kind === "export-file" ? takenFrom(read) : isChildRead(read) ? parentLink(read) : undefined;
  return { ...spec, sync, ...(parent ? { parent } : {}) };
}

function syncKindOf(spec: StreamSpec): SyncKind {
  const { read, cursorField, name } = spec;
  switch (read.kind) {
    case "single":
    case "list":
    case "scroll":
      return cursorField ? "client-cursor" : "full";
    case "export-job":
      if (!cursorField) throw new Error(`stream ${name}: an export-job read needs a cursorField (the time its window is on)`);
      return "client-cursor";
    case "search":
    case "windowed-list":
      if (!cursorField) throw new Error(`stream ${name}: a ${read.kind} read needs a cursorField to search or window on`);
      return read.kind === "search" ? "search" : "created-window";
    case "child":
    case "embedded":
    case "membership":
    case "document":
    case "export-file":
      return "child";
  }
}

/**
 * A document is keyed by its parent's id and copies nothing else: it is rendered from the parent, not fetched; a
 * file of an export download is read on its parent's pass, from the parent's download.
 */
function takenFrom(read: DocumentRead | ExportFileRead): ParentLink {
  return { stream: read.parent, fields: () => ({}) };
}

const TEMPLATE_FIELD = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

function parentLink(read: AnyChildRead): ParentLink {
  // A child of references fills its path from each reference, not from the parent (referenced-children.ts).
  const template = read.kind === "child"
    ? (read.references ? undefined : read.path)
    : read.kind === "membership"
    ? read.perParent.path
    : read.more?.path;
  return {
    stream: read.parent,
    ...(template === undefined ? {} : { path: (parent: JsonRecord) => fillTemplate(template, read.parent, parent) }),
    fields: (parent: JsonRecord) => Object.fromEntries(Object.entries(read.copy).map(([child, from]) => [child, parent[from]])),
  };
}

function fillTemplate(template: string, parentStream: string, parent: JsonRecord): string {
  return template.replace(TEMPLATE_FIELD, (_, field: string) => {
    const value = parent[field];
    if (value === undefined || value === null) throw new Error(`${parentStream} record has no ${field} for ${template}`);
    return encodeURIComponent(String(value));
  });
}
