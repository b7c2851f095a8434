/**
 * The per-parent children API 2.16 added — a conversation's side conversations and handling events, a company's
 * notes, a user's merge history, an article's versions — through the engine against the fake: opt-in (a run without --streams makes none of their requests), a
 * cost estimate before they start, exactly the fake's records, asked with Intercom-Version 2.16 on a 2.11 run,
 * and incremental with their parent (a second run reads the children of changed conversations only).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { EngineEvent } from "../../src/engine/events.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import type { StreamName } from "../../src/streams/catalog.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

const CHILDREN = {
  side_conversations: { route: "GET /conversations/{id}/side_conversations", key: ["conversation_id", "side_conversation_id"] },
  handling_events: { route: "GET /conversations/{id}/handling_events", key: ["conversation_id", "type", "timestamp"] },
  company_notes: { route: "GET /companies/{id}/notes", key: ["id"] },
  contact_merge_history: { route: "GET /contacts/{id}/merge_history", key: ["contact_id", "source_contact_id"] },
  article_versions: { route: "GET /articles/{id}/versions", key: ["id"] },
} as const;
const NAMES = Object.keys(CHILDREN) as (keyof typeof CHILDREN)[];

let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { conversations: 30, companies: 12, contacts: 10, tickets: 4 } });
});
afterAll(async () => {
  await fake.close();
});

const keyOf = (record: Record<string, unknown>, key: readonly string[]) => key.map((field) => String(record[field])).join("|");
const requests = (route: string) => fake.stats.byRoute[route] ?? 0;

test("they are opt-in: a run of the default set makes none of their requests", async () => {
  for (const name of NAMES) expect(DEFAULT_STREAMS.map((stream) => stream.name)).not.toContain(name);
  const before = NAMES.map((name) => requests(CHILDREN[name].route));
  const { result } = await syncWith(fake, undefined);
  expect(result.outcome).toBe("ok");
  expect(NAMES.map((name) => requests(CHILDREN[name].route))).toEqual(before);
});

test("named, each exports exactly the fake's records, asked with 2.16 on a 2.11 run, after a cost estimate", async () => {
  const events: EngineEvent[] = [];
  const streams: StreamName[] = ["conversations", "companies", "contacts", "articles", ...NAMES];
  const before = structuredClone(fake.stats.versionsByRoute);
  const { result, sink } = await syncWith(fake, streams, { intercomVersion: "2.11", onEvent: (event) => void events.push(event) });
  expect(result.outcome).toBe("ok");
  expect(result.mismatches).toEqual([]);
  for (const name of NAMES) {
    const { route, key } = CHILDREN[name];
    const exported = sink.all(name).map((record) => keyOf(record, key));
    const expected = [...fake.workspace.records(name)].map((record) => keyOf(record, key));
    expect({ name, some: expected.length > 0 }).toEqual({ name, some: true });
    expect({ name, duplicates: exported.length - new Set(exported).size }).toEqual({ name, duplicates: 0 });
    expect({ name, keys: exported.sort() }).toEqual({ name, keys: expected.sort() });
    const now = fake.stats.versionsByRoute[route] ?? {};
    const was = before[route] ?? {};
    expect({ name, headers: Object.keys(now).filter((header) => (now[header] ?? 0) > (was[header] ?? 0)) }).toEqual({ name, headers: ["2.16"] });
  }
  const estimates = events.filter((event) => event.kind === "estimate").map((event) => (event as { stream: string }).stream);
  expect(estimates.sort()).toEqual([...NAMES].sort());
});

test("a second run reads the children of the conversations changed since the first only", async () => {
  const store = memoryStateStore();
  await syncWith(fake, ["conversations", "handling_events"], { store, lookbackDays: 0 });
  fake.workspace.now += 3_600;
  const changed = String([...fake.workspace.records("conversations")][4]!.id);
  fake.workspace.addConversationPart(changed);
  const before = requests(CHILDREN.handling_events.route);
  await syncWith(fake, ["conversations", "handling_events"], { store, lookbackDays: 0 });
  expect(requests(CHILDREN.handling_events.route) - before).toBe(1);
});

test("merge history is asked for users only (a lead answers 404), so no contact is counted skipped", async () => {
  const before = requests(CHILDREN.contact_merge_history.route);
  const { result } = await syncWith(fake, ["contacts", "contact_merge_history"]);
  const users = [...fake.workspace.records("contacts")].filter((contact) => contact.role === "user").length;
  expect(users).toBeGreaterThan(0);
  expect(users).toBeLessThan([...fake.workspace.records("contacts")].length);
  // One request per user, and one per further page of 50 merges.
  const merges = new Map<string, number>();
  for (const row of fake.workspace.records("contact_merge_history")) {
    merges.set(String(row.contact_id), (merges.get(String(row.contact_id)) ?? 0) + 1);
  }
  const furtherPages = [...merges.values()].reduce((sum, count) => sum + Math.max(0, Math.ceil(count / 50) - 1), 0);
  expect(requests(CHILDREN.contact_merge_history.route) - before).toBe(users + furtherPages);
  expect(result.streams.find((stream) => stream.name === "contact_merge_history")!.skipped).toBe(0);
});

test("a user with more than 50 merges: every page of its history, chained by next_cursor", async () => {
  const rows = [...fake.workspace.records("contact_merge_history")];
  const perContact = new Map<string, number>();
  for (const row of rows) perContact.set(String(row.contact_id), (perContact.get(String(row.contact_id)) ?? 0) + 1);
  const [busy, merges] = [...perContact].find(([, count]) => count > 50)!;
  expect(merges).toBe(60);
  const { sink } = await syncWith(fake, ["contacts", "contact_merge_history"]);
  const exported = sink.all("contact_merge_history");
  expect(exported.filter((row) => String(row.contact_id) === busy).length).toBe(60);
  expect(exported.length).toBe(rows.length);
});
