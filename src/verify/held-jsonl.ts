/**
 * The live records of a JSON lines file (`--output`): `{"stream","data"}` lines are records, upserted by key
 * (full tables are appended again on every run), and `{"stream","deleted":{"id","deleted_at"}}` lines delete;
 * the last line for a key decides. Rows of a child stream whose parent was deleted are implied deleted, so are
 * link rows naming a deleted record (a deleted tag's contact_tags rows), and a deletion naming only a parent
 * (`{"contact_id"}`: its list of links is now empty) deletes the rows of that parent written before it. A last
 * line without its newline (a run killed mid-write) is ignored, as the next run repeats its page.
 */
import { ConfigError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import { streamByName } from "../streams/catalog.ts";
import type { JsonRecord, StreamDefinition } from "../streams/types.ts";
import { type HeldOutput, keyOf, onlySelected, parentKeyField, statedPartCount, streamsToRead } from "./held.ts";

const CHUNK_BYTES = 4 * 1024 * 1024;

interface Line {
  stream?: unknown;
  data?: unknown;
  deleted?: unknown;
}

export async function heldInJsonl(path: string, streams: ReadonlySet<string>): Promise<HeldOutput> {
  const file = await runtime.openReadFile(path);
  if (!file) throw new ConfigError(`no file at ${path}: pass the --output file a sync wrote`);
  const collector = new Collector(streamsToRead(streams));
  try {
    const decoder = new TextDecoder();
    let rest = "";
    let lineNumber = 0;
    for (let position = 0; position < file.length; position += CHUNK_BYTES) {
      const text = rest + decoder.decode(await file.read(position, Math.min(CHUNK_BYTES, file.length - position)), { stream: true });
      const lines = text.split("\n");
      rest = lines.pop()!;
      for (const line of lines) {
        lineNumber++;
        if (line.trim() !== "") collector.add(parse(line, path, lineNumber));
      }
    }
  } finally {
    await file.close();
  }
  return onlySelected(collector.result(), streams);
}

function parse(line: string, path: string, lineNumber: number): Line {
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === "object" && value !== null) return value as Line;
  } catch {
    // Said below, with the line number.
  }
  throw new ConfigError(
    `${path} line ${lineNumber} is not a JSON object (the file was edited, or another program wrote into it): verify ` +
      "reads the JSON lines a sync writes with --output. Restore the file the syncs wrote from a backup, or start a " +
      "new file with `intercom-sync --output NEW_FILE --new-output` (or everything afresh with --full-refresh).",
  );
}

/** A key whose last line is a record: its parent's id (child streams, else ""), where that line was, what it names. */
interface LiveRow {
  parent: string;
  line: number;
  /** The values of the stream's `references` fields, in their order (a contact_tags row: its tag id). */
  names: string[];
}

class Collector {
  /** Per stream: key → its live row, present while the key's last line is a record. */
  readonly #live = new Map<string, Map<string, LiveRow>>();
  readonly #deleted = new Map<string, Set<string>>();
  /** Per link stream: parent id → the line of the last deletion naming only that parent (its list emptied). */
  readonly #emptied = new Map<string, Map<string, number>>();
  /** Streams whose deletions delete link rows too (tags, companies, segments), though not verified themselves. */
  readonly #referenced = new Set<string>();
  #lines = 0;
  readonly #newest = new Map<string, number>();
  readonly #partCounts = new Map<string, number>();

  constructor(readonly streams: ReadonlySet<string>) {
    for (const name of streams) for (const referenced of Object.values(streamByName(name)?.references ?? {})) this.#referenced.add(referenced);
  }

  add(line: Line): void {
    const name = typeof line.stream === "string" ? line.stream : undefined;
    if (!name || !(this.streams.has(name) || this.#referenced.has(name))) return;
    const stream = streamByName(name)!;
    const lineNumber = ++this.#lines;
    const live = this.#map(this.#live, name, () => new Map<string, LiveRow>());
    const deleted = this.#map(this.#deleted, name, () => new Set<string>());
    const gone = line.deleted;
    if (isRecord(gone)) {
      const parent = parentKeyField(name);
      const emptied = parent !== undefined && stream.primaryKey.some((field) => gone[field] === undefined);
      if (emptied && gone[parent.field] !== undefined) {
        this.#map(this.#emptied, name, () => new Map<string, number>()).set(String(gone[parent.field]), lineNumber);
        return;
      }
      const key = deletedKey(stream, gone);
      live.delete(key);
      deleted.add(key);
      return;
    }
    const data = line.data;
    if (!isRecord(data)) return;
    const key = keyOf(stream.primaryKey, data);
    const parent = parentKeyField(name);
    const names = Object.keys(stream.references ?? {}).map((field) => String(data[field] ?? ""));
    live.set(key, { parent: parent ? String(data[parent.field] ?? "") : "", line: lineNumber, names });
    deleted.delete(key);
    const cursor = stream.cursorField ? data[stream.cursorField] : undefined;
    if (typeof cursor === "number" && cursor > (this.#newest.get(name) ?? -Infinity)) this.#newest.set(name, cursor);
    if (name === "conversations") {
      const count = statedPartCount(data);
      if (count === undefined) this.#partCounts.delete(key);
      else this.#partCounts.set(key, count);
    }
  }

  result(): HeldOutput {
    const held: HeldOutput = { streams: new Map(), conversationPartCounts: new Map() };
    for (const [name, live] of this.#live) {
      if (!this.streams.has(name)) continue;
      const parent = parentKeyField(name);
      const parentDeleted = parent ? this.#deleted.get(parent.parent) : undefined;
      const emptied = this.#emptied.get(name);
      const namedDeleted = Object.values(streamByName(name)!.references ?? {}).map((referenced) => this.#deleted.get(referenced));
      const keys = new Set<string>();
      for (const [key, row] of live) {
        if (parentDeleted?.has(row.parent) || (emptied?.get(row.parent) ?? 0) > row.line) continue;
        if (row.names.some((value, index) => namedDeleted[index]?.has(value))) continue;
        keys.add(key);
      }
      const newest = this.#newest.get(name);
      held.streams.set(name, { keys, ...(newest === undefined ? {} : { newest }) });
    }
    const conversations = held.streams.get("conversations")?.keys;
    for (const [id, count] of this.#partCounts) if (conversations?.has(id)) held.conversationPartCounts.set(id, count);
    return held;
  }

  #map<V>(maps: Map<string, V>, name: string, create: () => V): V {
    let value = maps.get(name);
    if (value === undefined) {
      value = create();
      maps.set(name, value);
    }
    return value;
  }
}

/** A deletion names `id`; a stream keyed by more than `id` may give every key field instead. */
function deletedKey(stream: StreamDefinition, deleted: JsonRecord): string {
  const hasEveryField = stream.primaryKey.every((field) => deleted[field] !== undefined);
  return hasEveryField ? keyOf(stream.primaryKey, deleted) : String(deleted.id ?? "");
}

function isRecord(value: unknown): value is JsonRecord {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
