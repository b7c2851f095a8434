/** `intercom-sync streams`: the catalog, with what each stream needs and how it syncs. */
import { STREAMS } from "../../streams/catalog.ts";
import { incrementalCursor, syncModes } from "../../streams/sync-modes.ts";
import { describeCost, describeCursor, describeSource } from "../../streams/describe.ts";
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
      requests: describeCost(stream),
      /** In the default set a run exports without --streams; opt-in streams are read only when named. */
      default: !stream.optIn,
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
    describeCost(stream),
    stream.permission,
  ]);
  write(`${table([["stream", "key", "cursor", "sync modes", "requests", "Intercom permission"], ...rows])}\n`);
  const notes = STREAMS.filter((stream) => stream.notes).map((stream) => `  ${stream.name}: ${stream.notes}`);
  if (notes.length) write(`\nNotes:\n${notes.join("\n")}\n`);
  const optIn = STREAMS.filter((stream) => stream.optIn).map((stream) => `  ${stream.name}: ${stream.optIn}`);
  if (optIn.length) write(`\nOpt-in (exported only when named in --streams; a run estimates their cost first):\n${optIn.join("\n")}\n`);
  return 0;
}
