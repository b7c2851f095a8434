import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { STREAM_NAMES, STREAMS } from "../../src/streams/catalog.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import type { StreamDefinition } from "../../src/streams/types.ts";
import type { FakeStreamName } from "../../src/fake/types.ts";
import { keyOf } from "../helpers/memory-sink.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

let fake: RunningFake;
beforeAll(async () => {
  // Sizes above one page (150) for the paged streams, so pagination is exercised.
  fake = await startFake({ sizes: { contacts: 420, companies: 170, conversations: 160, tickets: 155, activityLogs: 95 } });
});
afterAll(() => fake.close());

describe("a full refresh of every stream", () => {
  test("without streams named: exactly the fake workspace's records of the default set, each once, and ends ok", async () => {
    const { result, sink } = await syncWith(fake, undefined);
    expect(result.outcome).toBe("ok");
    expect(result.fatal).toBeUndefined();
    expect(result.streams.map((stream) => stream.name)).toEqual(DEFAULT_STREAMS.map((stream) => stream.name));
    expectExactly(sink, DEFAULT_STREAMS);
  });

  function expectExactly(sink: Awaited<ReturnType<typeof syncWith>>["sink"], streams: readonly StreamDefinition[]): void {
    for (const stream of streams) {
      // A document has one record per record of its source, under the same key; an article one per locale it is written in.
      const source = stream.read.kind === "document" ? stream.read.parent : stream.name;
      const expected = [...fake.workspace.records(source as FakeStreamName)].flatMap((record) =>
        stream.name === "article_documents"
          ? Object.keys(record.translated_content as object).filter((locale) => locale !== "type").map((locale) =>
            keyOf({ id: record.id, locale }, stream.primaryKey)
          )
          : [keyOf(record, stream.primaryKey)]
      );
      const exported = sink.all(stream.name).map((record) => keyOf(record, stream.primaryKey));
      expect({ stream: stream.name, count: new Set(exported).size }).toEqual({ stream: stream.name, count: exported.length });
      expect({ stream: stream.name, keys: [...exported].sort() }).toEqual({ stream: stream.name, keys: [...expected].sort() });
      expect(exported.length).toBeGreaterThan(0);
    }
  }

  test("company segments carry their company id and conversation parts their conversation id", async () => {
    const { sink } = await syncWith(fake, ["company_segments", "conversation_parts"]);
    const companyIds = new Set([...fake.workspace.records("companies")].map((company) => company.id));
    const conversationIds = new Set([...fake.workspace.records("conversations")].map((conversation) => conversation.id));
    expect(sink.all("company_segments").length).toBeGreaterThan(0);
    for (const record of sink.all("company_segments")) expect(companyIds.has(record.company_id)).toBe(true);
    for (const record of sink.all("conversation_parts")) expect(conversationIds.has(record.conversation_id)).toBe(true);
    // A child selected alone does not emit its parent.
    expect(sink.all("companies")).toEqual([]);
    expect(sink.all("conversations")).toEqual([]);
  });

  test("a conversation with more than 500 parts is exported capped and reported by id and count", async () => {
    const { result } = await syncWith(fake, ["conversation_parts"]);
    const long = [...fake.workspace.records("conversations")].filter((c) => fake.workspace.partCount(String(c.id)) > 500);
    expect(long.length).toBeGreaterThan(0);
    const warnings = result.streams.find((stream) => stream.name === "conversation_parts")!.warnings;
    for (const conversation of long) {
      const count = fake.workspace.partCount(String(conversation.id));
      expect(warnings.some((warning) => warning.startsWith(`conversation ${String(conversation.id)} has ${count} parts`))).toBe(true);
    }
  });

  test("data attribute names repeat, so the key is model + full_name and no attribute is lost", async () => {
    const { sink } = await syncWith(fake, ["contact_attributes", "company_attributes"]);
    const all = [...sink.all("contact_attributes"), ...sink.all("company_attributes")];
    const names = all.map((attribute) => `${attribute.model}|${attribute.name}`);
    expect(new Set(names).size).toBeLessThan(names.length);
    const keys = all.map((attribute) => `${attribute.model}|${attribute.full_name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  // Last, with room: a request per contact (and per page of notes) spends most of the fake's rate window.
  test("every stream of the catalog named, the opt-in ones included: exactly the fake's records, each once", async () => {
    const { result, sink } = await syncWith(fake, STREAM_NAMES);
    expect(result.outcome).toBe("ok");
    expectExactly(sink, STREAMS);
  }, 30_000);
});
