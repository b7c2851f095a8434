/** `intercom-sync streams`: the catalog, with what each stream needs and how it syncs. */
import { STREAMS } from "../../streams/catalog.ts";
import { incrementalCursor, syncModes } from "../../streams/sync-modes.ts";
import { describeCost, describeCursor, describeSource } from "../../streams/describe.ts";
import { firstVersion } from "../../streams/versioned.ts";
import { wrap } from "../report/wrap.ts";

/** A terminal of 100 columns shows every line whole. */
const WIDTH = 100;

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
      /** The first Intercom API version that serves it; a run on an older one asks for it with this one. */
      firstVersion: firstVersion(stream),
      notes: stream.notes ?? null,
    }));
    write(`${JSON.stringify(catalog, null, 2)}\n`);
    return 0;
  }
  // One block per stream, wrapped to fit 100 columns: a table of six columns was 300 to 770 wide.
  const name = Math.max(...STREAMS.map((stream) => stream.name.length)) + 2;
  const indent = " ".repeat(name);
  const fit = (text: string, first: string) => wrap(text, { width: WIDTH, first, rest: indent });
  const blocks = STREAMS.map((stream) => {
    const modes = syncModes(stream).map((mode) => mode.replace("_", " ")).join(", ");
    return [
      ...fit(`key ${stream.primaryKey.join("+")} · ${modes} · cursor ${describeCursor(stream)}`, stream.name.padEnd(name)),
      ...fit(`requests ${describeCost(stream)} · permission: ${stream.permission} · from API ${firstVersion(stream)}`, indent),
    ].join("\n");
  });
  write(`${"stream".padEnd(name)}key · sync modes · cursor, then requests · permission · from API\n${blocks.join("\n")}\n`);
  const described = (about: (stream: (typeof STREAMS)[number]) => string | undefined) =>
    STREAMS.flatMap((stream) => (about(stream) ? wrap(`${stream.name}: ${about(stream)}`, { width: WIDTH, first: "  ", rest: "    " }) : []));
  const notes = described((stream) => stream.notes);
  if (notes.length) write(`\nNotes:\n${notes.join("\n")}\n`);
  const optIn = described((stream) => stream.optIn);
  if (optIn.length) write(`\nOpt-in (exported only when named in --streams; a run estimates their cost first):\n${optIn.join("\n")}\n`);
  return 0;
}
