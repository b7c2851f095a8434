/**
 * ticket_linked_objects: the conversations and tickets linked to each ticket, taken from the tickets' embedded
 * `linked_objects` on the tickets pass (the only endpoint for them, /tickets/{id}/linked_conversations, is a POST
 * that links). No request of its own; a removed link is retracted.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

type Row = Record<string, unknown>;
const keyOf = (row: Row) => `${String(row.ticket_id)}/${String(row.type)}/${String(row.id)}`;
const sorted = (rows: Iterable<Row>) => [...rows].sort((a, b) => keyOf(a).localeCompare(keyOf(b)));

let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: 20, conversations: 30, tickets: 30, activityLogs: 2 } });
});
afterAll(() => fake.close());

test("a full export equals the fake's links, conversations and tickets both, with no request of its own", async () => {
  const expected = [...fake.workspace.records("ticket_linked_objects")];
  // The fake must link both kinds, or this proves nothing about them.
  expect(new Set(expected.map((row) => row.type))).toEqual(new Set(["conversation", "ticket"]));
  const before = { ...fake.stats.byRoute };
  const { result, sink } = await syncWith(fake, ["tickets", "ticket_linked_objects"]);
  expect(result.outcome).toBe("ok");
  expect(sorted(sink.all("ticket_linked_objects"))).toEqual(sorted(expected));
  const made = Object.entries(fake.stats.byRoute).filter(([route, n]) => n !== (before[route] ?? 0)).map(([route]) => route);
  expect(made.filter((route) => route !== "GET /me")).toEqual(["POST /tickets/search"]);
});

test("an incremental run re-reads the changed tickets' links; a ticket whose last link went gets a deletion naming it", async () => {
  const store = memoryStateStore();
  expect((await syncWith(fake, ["tickets", "ticket_linked_objects"], { store })).result.outcome).toBe("ok");
  const rows = [...fake.workspace.records("ticket_linked_objects")];
  const countOf = (ticket: unknown) => rows.filter((row) => row.ticket_id === ticket).length;
  const several = rows.find((row) => countOf(row.ticket_id) > 1)!;
  const single = rows.find((row) => countOf(row.ticket_id) === 1)!;

  fake.workspace.now += 60;
  fake.workspace.unlinkFromTicket(String(several.ticket_id), String(several.id));
  fake.workspace.unlinkFromTicket(String(single.ticket_id), String(single.id));
  fake.workspace.now += 1;

  const { result, sink } = await syncWith(fake, ["tickets", "ticket_linked_objects"], { store });
  expect(result.outcome).toBe("ok");
  // The changed ticket with links left: its rows as they are now, the removed one absent (and so replaced).
  const left = [...fake.workspace.records("ticket_linked_objects")].filter((row) => row.ticket_id === several.ticket_id);
  expect(left.length).toBe(countOf(several.ticket_id) - 1);
  expect(sorted(sink.all("ticket_linked_objects"))).toEqual(sorted(left));
  expect(sink.deletions.get("ticket_linked_objects")).toEqual([
    { key: { ticket_id: String(single.ticket_id) }, deletedAt: fake.workspace.now - 1 },
  ]);
});
