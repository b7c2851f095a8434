/** `intercom-sync streams`: the catalog, with what each stream needs and how it syncs. */
import { STREAMS } from "../../streams/catalog.ts";
import { incrementalCursor, syncModes } from "../../streams/sync-modes.ts";
import { describeCursor, describeSource } from "../../streams/describe.ts";
import { table } from "../summary.ts";

export function streamsCommand(options: { json: boolean }, write: (text: string) => void): number {
  if (options.json) {
    const catalog = STREAMS.map((stream) => ({
      name: stream.name,
      description: stream.description,
      primaryKey: stream.primaryKey,
      cursorField: incrementalCursor(stream) ?? null,
      syncModes: syncModes(stream),
      cursor: describeCursor(stream),
      source: describeSource(stream),
      parent: stream.parent?.stream ?? null,
      permission: stream.permission,
      notes: stream.notes ?? null,
    }));
    write(`${JSON.stringify(catalog, null, 2)}\n`);
    return 0;
  }
  const rows = STREAMS.map((stream) => [
    stream.name,
    stream.primaryKey.join("+"),
    describeCursor(stream),
    syncModes(stream).map((mode) => mode.replace("_", " ")).join(", "),
    stream.permission,
  ]);
  write(`${table([["stream", "key", "cursor", "sync modes", "Intercom permission"], ...rows])}\n`);
  const notes = STREAMS.filter((stream) => stream.notes).map((stream) => `  ${stream.name}: ${stream.notes}`);
  if (notes.length) write(`\nNotes:\n${notes.join("\n")}\n`);
  return 0;
}
