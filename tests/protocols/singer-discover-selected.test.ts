/**
 * Singer discovery leaves `selected` to the user (Singer's DISCOVERY_MODE.md: the tap suggests with
 * `selected-by-default`; `selected` is the user's choice). A catalog as Meltano hands it back — its `select` rules
 * applied as `selected: true|false` on the streams — reads exactly the streams chosen.
 */
import { describe, expect, test } from "bun:test";
import { parseSelection, singerCatalog } from "../../src/protocols/singer/catalog.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";

type Entry = ReturnType<typeof singerCatalog>["streams"][number];
const root = (entry: Entry) => entry.metadata.find((item) => item.breadcrumb.length === 0)!.metadata;

describe("singer --discover", () => {
  test("marks no stream and no property `selected`; selected-by-default suggests the default set", () => {
    const catalog = singerCatalog();
    for (const entry of catalog.streams) {
      for (const item of entry.metadata) {
        expect({ stream: entry.stream, breadcrumb: item.breadcrumb, selected: item.metadata.selected }).toEqual({
          stream: entry.stream,
          breadcrumb: item.breadcrumb,
          selected: undefined,
        });
      }
    }
    const suggested = catalog.streams.filter((entry) => root(entry)["selected-by-default"] === true).map((entry) => entry.stream);
    expect(suggested).toEqual(DEFAULT_STREAMS.map((stream) => stream.name));
  });

  test("Meltano's selection (selected true on the chosen streams, false on the rest) reads exactly those", () => {
    const chosen = new Set(["contacts", "conversation_parts"]);
    const catalog = singerCatalog();
    const meltano = {
      streams: catalog.streams.map((entry) => ({
        ...entry,
        metadata: entry.metadata.map((item) => ({ ...item, metadata: { ...item.metadata, selected: chosen.has(entry.stream) } })),
      })),
    };
    expect(parseSelection(meltano).streams.map((stream) => stream.name)).toEqual(["contacts", "conversation_parts"]);
    // The discovered catalog handed back untouched reads the suggested default set.
    expect(parseSelection(catalog).streams.map((stream) => stream.name)).toEqual(DEFAULT_STREAMS.map((stream) => stream.name));
  });
});
