/**
 * The lists API 2.14 and 2.16 added (ticket states, internal articles, brands, away status reasons, office hours
 * schedules and their exceptions, content snippets, audiences, sender emails, Fin's content import sources and external pages),
 * through the engine against the fake: every record once, exactly the fake's; asked with the stream's first
 * version when the run's is older (the fake answers an older one 400, as Intercom does), with the run's own
 * otherwise; records match their schemas; a record deleted in Intercom is found by the key diff of the next run.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { API_VERSIONS, type ApiVersion } from "../../src/api-versions.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type StreamName, STREAMS } from "../../src/streams/catalog.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { answeredVersion, firstVersion } from "../../src/streams/versioned.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

const LISTS = [
  "ticket_states",
  "internal_articles",
  "brands",
  "away_status_reasons",
  "office_hours_schedules",
  "office_hours_exceptions",
  "content_snippets",
  "audiences",
  "emails",
  "content_import_sources",
  "external_pages",
] as const satisfies readonly StreamName[];

const ROUTE: Record<(typeof LISTS)[number], string> = {
  ticket_states: "GET /ticket_states",
  internal_articles: "GET /internal_articles",
  brands: "GET /brands",
  away_status_reasons: "GET /away_status_reasons",
  office_hours_schedules: "GET /office_hours_schedules",
  office_hours_exceptions: "GET /office_hours_schedules/{id}/office_hours_exceptions",
  content_snippets: "GET /content_snippets",
  audiences: "GET /audiences",
  emails: "GET /emails",
  content_import_sources: "GET /ai/content_import_sources",
  external_pages: "GET /ai/external_pages",
};

const streamOf = (name: string) => STREAMS.find((stream) => stream.name === name)!;

let fake: RunningFake;
beforeAll(async () => {
  // Pages of 2, so the page-numbered lists (content snippets, audiences) are read over several pages.
  fake = await startFake({ sizes: { listPageSize: 2 } });
});
afterAll(async () => {
  await fake.close();
});

describe.each(API_VERSIONS.map((version) => [version]))("a run on %s", (version) => {
  test("exports exactly the fake's records of each list, asking each with its first version where the run's is older", async () => {
    const before = structuredClone(fake.stats.versionsByRoute);
    const { result, sink } = await syncWith(fake, LISTS, { intercomVersion: version as ApiVersion });
    expect(result.outcome).toBe("ok");
    for (const name of LISTS) {
      const exported = sink.all(name).map((record) => String(record.id));
      const expected = [...fake.workspace.records(name)].map((record) => String(record.id));
      expect({ name, some: expected.length > 0 }).toEqual({ name, some: true });
      expect({ name, ids: exported.sort() }).toEqual({ name, ids: expected.sort() });
      const asked = answeredVersion(streamOf(name), version as ApiVersion);
      const now = fake.stats.versionsByRoute[ROUTE[name]] ?? {};
      const was = before[ROUTE[name]] ?? {};
      const headers = Object.keys(now).filter((header) => (now[header] ?? 0) > (was[header] ?? 0));
      expect({ name, headers }).toEqual({ name, headers: [asked] });
    }
    expect(result.mismatches).toEqual([]);
  });
});

test("the page-numbered 2.16 lists are followed past their first page (page and total_pages at the top)", async () => {
  const before = fake.stats.byRoute["GET /content_snippets"] ?? 0;
  const { sink } = await syncWith(fake, ["content_snippets"]);
  const records = [...fake.workspace.records("content_snippets")].length;
  expect(records).toBeGreaterThan(2);
  expect((fake.stats.byRoute["GET /content_snippets"] ?? 0) - before).toBe(Math.ceil(records / 2));
  expect(sink.all("content_snippets").length).toBe(records);
});

test("the fake answers a list asked with a version older than its first 400, as Intercom does", async () => {
  const answer = await fetch(`${fake.url}/brands`, { headers: { Authorization: "Bearer test-token", "Intercom-Version": "2.14" } });
  expect(answer.status).toBe(400);
  expect(((await answer.json()) as { errors: { code: string }[] }).errors[0]!.code).toBe("intercom_version_invalid");
});

test("a record deleted in Intercom is deleted by the next run's key diff", async () => {
  const store = memoryStateStore();
  await syncWith(fake, ["brands", "emails"], { store });
  const gone = String([...fake.workspace.records("brands")][1]!.id);
  fake.workspace.now += 60;
  fake.workspace.deleteRecord("brands", gone);
  const { sink } = await syncWith(fake, ["brands", "emails"], { store });
  expect(sink.deletions.get("brands")?.map((deletion) => deletion.key)).toEqual([{ id: gone }]);
  expect(sink.deletions.get("emails")).toBeUndefined();
  fake.workspace.restoreRecord("brands", gone);
});

test("the lists are in the default set, and each says the first version that serves it", () => {
  const defaults = DEFAULT_STREAMS.map((stream) => stream.name);
  for (const name of LISTS) expect(defaults).toContain(name);
  expect(Object.fromEntries(LISTS.map((name) => [name, firstVersion(streamOf(name))]))).toEqual({
    ticket_states: "2.14",
    internal_articles: "2.14",
    brands: "2.16",
    away_status_reasons: "2.14",
    office_hours_schedules: "2.16",
    office_hours_exceptions: "2.16",
    content_snippets: "2.16",
    audiences: "2.16",
    emails: "2.16",
    content_import_sources: "2.14",
    external_pages: "2.14",
  });
  expect(firstVersion(streamOf("contacts"))).toBe("2.11");
});

test("activity log event types: the names listed, one record each, asked with 2.16 on a 2.11 run", async () => {
  const before = structuredClone(fake.stats.versionsByRoute["GET /admins/activity_log_event_types"] ?? {});
  const { result, sink } = await syncWith(fake, ["activity_log_event_types"], { intercomVersion: "2.11" });
  expect(result.outcome).toBe("ok");
  expect(result.mismatches).toEqual([]);
  const names = sink.all("activity_log_event_types").map((record) => record.event_type);
  expect(names.length).toBeGreaterThan(0);
  expect(names).toEqual([...fake.workspace.records("activity_log_event_types")].map((record) => record.event_type));
  expect((fake.stats.versionsByRoute["GET /admins/activity_log_event_types"]!["2.16"] ?? 0) - (before["2.16"] ?? 0)).toBe(1);
});
