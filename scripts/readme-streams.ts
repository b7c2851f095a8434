/**
 * The README's stream table, written from the catalog: `bun scripts/gen-readme.ts` puts it between the
 * `streams:begin` and `streams:end` markers, and a test fails when the committed README differs.
 */
import { STREAMS } from "../src/streams/catalog.ts";
import { describeCost, describeCursor, describeSource } from "../src/streams/describe.ts";

export const BEGIN = "<!-- streams:begin (written by scripts/gen-readme.ts from src/streams/) -->";
export const END = "<!-- streams:end -->";

export function streamsTable(): string {
  const rows = STREAMS.map((stream) =>
    [stream.name, describeSource(stream), describeCost(stream), stream.primaryKey.join(" + "), describeCursor(stream), stream.permission]
      .map((cell) => cell.replace(/\|/g, "\\|"))
      .join(" | ")
  );
  const optIn = STREAMS.filter((stream) => stream.optIn);
  return [
    `${STREAMS.length} streams. Without \`--streams\` a run exports the ${STREAMS.length - optIn.length} that cost no request per record; ` +
    `the opt-in ones (${optIn.map((stream) => stream.name).join(", ")}) are read only when named, and a run prints their estimated ` +
    "request count and time before it starts them. Requests are what the rate limit counts (10,000 a minute for a private app).",
    "",
    "| stream | source | requests | key | incremental | Intercom permission |",
    "|---|---|---|---|---|---|",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

/** `readme` with the table between the markers replaced by the catalog's. */
export function withStreamsTable(readme: string): string {
  const start = readme.indexOf(BEGIN);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${BEGIN} … ${END}`);
  return `${readme.slice(0, start + BEGIN.length)}\n${streamsTable()}\n${readme.slice(end)}`;
}
