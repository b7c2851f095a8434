/** A stream's `references` name streams of the catalog keyed by `id`, through fields of its own primary key. */
import { expect, test } from "bun:test";
import { streamByName, STREAMS } from "../../src/streams/catalog.ts";

test("every reference is a key field naming a catalog stream keyed by id; the link streams declare theirs", () => {
  for (const stream of STREAMS) {
    for (const [field, referenced] of Object.entries(stream.references ?? {})) {
      const target = streamByName(referenced);
      expect({ stream: stream.name, field, inKey: stream.primaryKey.includes(field), targetKey: target?.primaryKey }).toEqual({
        stream: stream.name,
        field,
        inKey: true,
        targetKey: ["id"],
      });
    }
  }
  const named = Object.fromEntries(STREAMS.filter((stream) => stream.references).map((stream) => [stream.name, stream.references]));
  expect(named).toEqual({
    company_segments: { company_id: "companies", id: "segments" },
    contact_segments: { id: "segments" },
    contact_tags: { id: "tags" },
    contact_companies: { id: "companies" },
    conversation_tags: { id: "tags" },
  });
});
