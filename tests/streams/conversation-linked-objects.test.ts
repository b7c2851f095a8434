/**
 * conversation_linked_objects: the tickets and conversations linked to each conversation, taken from the
 * conversations' embedded `linked_objects` on the conversations pass. No request of its own; a removed link is
 * retracted.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

type Row = Record<string, unknown>;
const keyOf = (row: Row) => `${String(row.conversation_id)}/${String(row.type)}/${String(row.id)}`;
const sorted = (rows: Iterable<Row>) => [...rows].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: 20, conversations: 30, tickets: 30, activityLogs: 2 } });
});
afterAll(() => fake.close());

test("a full export equals the fake's links, tickets and conversations both, with no request of its own", async () => {
  const expected = [...fake.workspace.records("conversation_linked_objects")];
  // The fake must link both kinds, or this proves nothing about them.
  expect(new Set(expected.map((row) => row.type))).toEqual(new Set(["conversation", "ticket"]));
  const requestsOf = async (streams: Parameters<typeof syncWith>[1]) => {
    const before = { ...fake.stats.byRoute };
    const run = await syncWith(fake, streams);
    const made = Object.entries(fake.stats.byRoute).map(([route, n]) => [route, n - (before[route] ?? 0)] as const);
    return { run, made: Object.fromEntries(made.filter(([, n]) => n > 0)) };
  };
  const { run: { result, sink }, made } = await requestsOf(["conversations", "conversation_linked_objects"]);
  expect(result.outcome).toBe("ok");
  expect(sorted(sink.all("conversation_linked_objects"))).toEqual(sorted(expected));
  // Exactly the requests of the conversations alone (their search and their deletion feed).
  expect(made).toEqual((await requestsOf(["conversations"])).made);
  expect(made["POST /conversations/search"]).toBeGreaterThan(0);
});

test("an incremental run re-reads the changed conversations' links; one whose last link went gets a deletion naming it", async () => {
  const store = memoryStateStore();
  expect((await syncWith(fake, ["conversations", "conversation_linked_objects"], { store })).result.outcome).toBe("ok");
  const rows = [...fake.workspace.records("conversation_linked_objects")];
  const countOf = (conversation: unknown) => rows.filter((row) => row.conversation_id === conversation).length;
  const several = rows.find((row) => countOf(row.conversation_id) > 1)!;
  const single = rows.find((row) => countOf(row.conversation_id) === 1)!;

  fake.workspace.now += 60;
  fake.workspace.unlinkFromConversation(String(several.conversation_id), String(several.id));
  fake.workspace.unlinkFromConversation(String(single.conversation_id), String(single.id));
  fake.workspace.now += 1;

  const { result, sink } = await syncWith(fake, ["conversations", "conversation_linked_objects"], { store });
  expect(result.outcome).toBe("ok");
  // The changed conversation with links left: its rows as they are now, the removed one absent (and so replaced).
  const left = [...fake.workspace.records("conversation_linked_objects")].filter((row) => row.conversation_id === several.conversation_id);
  expect(left.length).toBe(countOf(several.conversation_id) - 1);
  expect(sorted(sink.all("conversation_linked_objects"))).toEqual(sorted(left));
  expect(sink.deletions.get("conversation_linked_objects")).toEqual([
    { key: { conversation_id: String(single.conversation_id) }, deletedAt: fake.workspace.now - 1 },
  ]);
});

test("the default set includes it: it costs no request", () => {
  expect(selectStreams().map((stream) => stream.name)).toContain("conversation_linked_objects");
});
