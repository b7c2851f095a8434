/** `intercom-sync streams` fits a 100-column terminal and still says everything about every stream. */
import { expect, test } from "bun:test";
import { streamsCommand } from "../../src/cli/commands/streams.ts";
import { STREAMS } from "../../src/streams/catalog.ts";
import { describeCost, describeCursor } from "../../src/streams/describe.ts";

function output(): string {
  let text = "";
  expect(streamsCommand({ json: false }, (chunk) => (text += chunk))).toBe(0);
  return text;
}

/** The stream's block: its first line and the indented lines under it, joined back into one text. */
function block(text: string, name: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`${name} `));
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith(" ") || line.trim() === "");
  return [lines[start]!, ...rest.slice(0, end < 0 ? undefined : end)].map((line) => line.trim()).join(" ").replace(/\s+/g, " ");
}

test("every line is at most 100 characters", () => {
  const long = output()
    .split("\n")
    .filter((line) => line.length > 100);
  expect(long).toEqual([]);
});

test("every stream's key, cursor, request cost and permission are still all there", () => {
  const text = output();
  for (const stream of STREAMS) {
    const said = block(text, stream.name);
    expect(said).toContain(stream.primaryKey.join("+"));
    expect(said).toContain(describeCursor(stream).replace(/\s+/g, " "));
    expect(said).toContain(describeCost(stream).replace(/\s+/g, " "));
    expect(said).toContain(stream.permission);
  }
});

test("the notes are all there, wrapped", () => {
  const flat = output().replace(/\s+/g, " ");
  for (const stream of STREAMS.filter((stream) => stream.notes)) expect(flat).toContain(stream.notes!.replace(/\s+/g, " "));
});
