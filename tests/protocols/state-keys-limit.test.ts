/**
 * How far a complete read's keys travel in Airbyte and Singer STATE messages: whole up to the documented limit;
 * a longer list is left out (never cut), and the limit is said once, by spec and discover, not on every run.
 */
import { describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { CONNECTION_SPECIFICATION } from "../../src/protocols/airbyte/config.ts";
import { createAirbyteReadOutput } from "../../src/protocols/airbyte/read-output.ts";
import { createMessageWriter } from "../../src/protocols/message-writer.ts";
import { singerCatalog } from "../../src/protocols/singer/catalog.ts";
import { createSingerOutput } from "../../src/protocols/singer/output.ts";
import { LARGE_STATE_EVERY_MS, LARGE_STATE_KEYS } from "../../src/protocols/singer/state-pacing.ts";
import { PROTOCOL_KEYS_LIMIT, PROTOCOL_KEYS_STATEMENT, protocolProgress } from "../../src/protocols/state-keys-limit.ts";

type Message = Record<string, any>;

const DIGEST = "c".repeat(64);
const within = { count: 3, digest: DIGEST, packed: "A".repeat(PROTOCOL_KEYS_LIMIT) };
const over = { count: 90_000, digest: DIGEST, packed: "A".repeat(PROTOCOL_KEYS_LIMIT + 4) };

function collector(): { stream: WritableStream<Uint8Array>; messages: () => Message[] } {
  const chunks: string[] = [];
  const decoder = new TextDecoder();
  return {
    stream: new WritableStream({ write: (chunk) => void chunks.push(decoder.decode(chunk)) }),
    messages: () => chunks.join("").split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Message),
  };
}

describe("keys in protocol STATE messages", () => {
  test("kept whole up to the limit; over it the stream's seen is left out, its other progress kept", () => {
    expect(protocolProgress({ outcome: "ok", seen: within })).toEqual({ outcome: "ok", seen: within });
    expect(protocolProgress({ outcome: "ok", lastSyncedAt: 5, seen: over })).toEqual({ outcome: "ok", lastSyncedAt: 5 });
  });

  test("airbyte read's per-stream STATE and singer's bookmarks leave out keys over the limit", async () => {
    const airbyteOut = collector();
    const airbyte = createAirbyteReadOutput(createMessageWriter(airbyteOut.stream), memoryStateStore());
    airbyte.store.update("companies", { outcome: "ok", seen: over });
    airbyte.store.update("tags", { outcome: "ok", seen: within });
    await airbyte.store.save();
    const states = airbyteOut.messages().filter((m) => m.type === "STATE");
    const stateOf = (name: string) => states.find((m) => m.state.stream.stream_descriptor.name === name)!.state.stream.stream_state;
    expect(stateOf("companies")).toEqual({ outcome: "ok" });
    expect(stateOf("tags").seen.packed.length).toBe(PROTOCOL_KEYS_LIMIT);

    const singerOut = collector();
    const singer = createSingerOutput(singerOut.stream, memoryStateStore());
    await singer.sink.open([
      { name: "companies", primaryKey: ["id"], schema: { type: "object", properties: {} } },
      { name: "tags", primaryKey: ["id"], schema: { type: "object", properties: {} } },
    ] as never);
    singer.store.update("companies", { outcome: "ok", seen: over });
    singer.store.update("tags", { outcome: "ok", seen: within });
    await singer.store.save();
    const bookmarks = singerOut.messages().filter((m) => m.type === "STATE").at(-1)!.value.bookmarks;
    expect(bookmarks.companies).toEqual({ outcome: "ok" });
    expect(bookmarks.tags.seen.count).toBe(3);
  });

  test("spec and discover state the limit", () => {
    expect(PROTOCOL_KEYS_STATEMENT).toContain("1 MB");
    expect((CONNECTION_SPECIFICATION as { description?: string }).description).toBe(PROTOCOL_KEYS_STATEMENT);
    const companies = singerCatalog().streams.find((entry) => entry.tap_stream_id === "companies")!;
    const deletedAt = (companies.schema.properties as Record<string, { description?: string }>)._sdc_deleted_at!;
    expect(deletedAt.description).toContain(PROTOCOL_KEYS_STATEMENT);
  });
});

describe("Singer STATE messages that carry many keys", () => {
  test("go out at most once per 30 s, the newest held back written at close; small ones after every checkpoint", async () => {
    let clock = 1_000_000;
    const out = collector();
    const singer = createSingerOutput(out.stream, memoryStateStore(), () => clock);
    await singer.sink.open([{ name: "companies", primaryKey: ["id"], schema: { type: "object", properties: {} } }] as never);
    const states = () => out.messages().filter((m) => m.type === "STATE").map((m) => m.value.bookmarks.companies);

    singer.store.update("companies", { outcome: "ok" });
    await singer.store.save();
    singer.store.update("companies", { lastSyncedAt: 1 });
    await singer.store.save();
    expect(states().length).toBe(2); // small: every checkpoint

    const large = { count: 5000, digest: DIGEST, packed: "A".repeat(LARGE_STATE_KEYS + 1) };
    clock += LARGE_STATE_EVERY_MS;
    singer.store.update("companies", { seen: large, lastSyncedAt: 2 });
    await singer.store.save(); // 30 s since the last STATE: written
    clock += 1_000;
    singer.store.update("companies", { lastSyncedAt: 3 });
    await singer.store.save(); // held back
    clock += 1_000;
    singer.store.update("companies", { lastSyncedAt: 4 });
    await singer.store.save(); // held back, replacing the one before
    expect(states().map((state) => state.lastSyncedAt)).toEqual([undefined, 1, 2]);
    clock += LARGE_STATE_EVERY_MS;
    singer.store.update("companies", { lastSyncedAt: 5 });
    await singer.store.save();
    singer.store.update("companies", { lastSyncedAt: 6 });
    await singer.store.save();
    expect(states().map((state) => state.lastSyncedAt)).toEqual([undefined, 1, 2, 5]);
    await singer.sink.close();
    expect(states().map((state) => state.lastSyncedAt)).toEqual([undefined, 1, 2, 5, 6]);
    expect(out.messages().at(-1)!.type).toBe("STATE");
  });
});
