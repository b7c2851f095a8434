/**
 * The default set and the opt-in streams, through the real CLI: a run without --streams never pays a request per
 * contact; naming contact_segments / contact_notes reads them completely (notes across several pages per
 * contact), says first what they will cost, and `streams` shows every stream's request cost.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { catchUp, fakeKeys, jsonlKeys, pastNow, settle } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const OPT_IN = ["contact_segments", "contact_notes"] as const;
const SEGMENTS_ROUTE = "GET /contacts/{id}/segments";
const NOTES_ROUTE = "GET /contacts/{id}/notes";
const CONTACTS = 60;

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({
    seed: 15,
    now: pastNow(),
    sizes: { contacts: CONTACTS, conversations: 6, companies: 8, tickets: 5, activityLogs: 20, maxParts: 3 },
  });
});
afterAll(() => fake.close());

/** A sync to a JSON lines file, with info lines on stderr (no --quiet) so the estimate shows. */
function syncTo(dir: string, extra: readonly string[] = []): string[] {
  return [
    "sync",
    "--base-url",
    fake.url,
    "--token",
    "test-token",
    "--state",
    join(dir, "state.json"),
    "--output",
    join(dir, "out.jsonl"),
    "--search-lag-minutes",
    "0",
    ...extra,
  ];
}

const routeCount = (route: string) => fake.stats.byRoute[route] ?? 0;

test("without --streams a run exports the default set and makes no request to an opt-in stream's route", async () => {
  await withTempDir(async (dir) => {
    const before = { segments: routeCount(SEGMENTS_ROUTE), notes: routeCount(NOTES_ROUTE) };
    const run = await runCli(syncTo(dir, ["--quiet"]));
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
    const keys = jsonlKeys([await readFile(join(dir, "out.jsonl"), "utf8")], [...DEFAULT_STREAMS.map((s) => s.name), ...OPT_IN]);
    expect(keys).toEqual({ ...fakeKeys(fake), contact_segments: [], contact_notes: [] });
    expect({ segments: routeCount(SEGMENTS_ROUTE), notes: routeCount(NOTES_ROUTE) }).toEqual(before);
    // company_segments costs a request per company but stays in the default set.
    expect(keys.company_segments!.length).toBeGreaterThan(0);
  });
});

test("named, contact_segments and contact_notes are read completely across pages, each with its contact id, once", async () => {
  await withTempDir(async (dir) => {
    const notesBefore = routeCount(NOTES_ROUTE);
    const run = await runCli(syncTo(dir, ["--streams", OPT_IN.join(",")]));
    expect(run.exitCode).toBe(0);
    const lines = (await readFile(join(dir, "out.jsonl"), "utf8"))
      .split("\n")
      .filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { stream: string; data: Record<string, unknown> });
    // Only the named streams: their parent (contacts) is read but not emitted.
    expect([...new Set(lines.map((line) => line.stream))].sort()).toEqual([...OPT_IN].sort());
    expect(jsonlKeys(lines.map((line) => `${JSON.stringify(line)}\n`), OPT_IN)).toEqual(fakeKeys(fake, OPT_IN));

    const notes = lines.filter((line) => line.stream === "contact_notes").map((line) => line.data);
    const ids = notes.map((note) => note.id);
    expect(new Set(ids).size).toBe(ids.length);
    const contactIds = new Set([...fake.workspace.records("contacts")].map((contact) => contact.id));
    for (const note of notes) {
      expect(contactIds.has(note.contact_id)).toBe(true);
      expect((note.contact as { id: string }).id).toBe(note.contact_id as string);
    }
    for (const line of lines.filter((line) => line.stream === "contact_segments")) expect(contactIds.has(line.data.contact_id)).toBe(true);
    // Some contacts' notes run to several pages: more note requests than contacts, every page read.
    const perContact = new Map<unknown, number>();
    for (const note of notes) perContact.set(note.contact_id, (perContact.get(note.contact_id) ?? 0) + 1);
    expect(Math.max(...perContact.values())).toBeGreaterThan(30);
    expect(routeCount(NOTES_ROUTE) - notesBefore).toBeGreaterThan(CONTACTS);
  });
});

test("before an opt-in stream starts, one stderr line estimates its requests and their time at the rate limit", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(syncTo(dir, ["--streams", "contact_segments,teams"]));
    expect(run.exitCode).toBe(0);
    const estimates = run.stderr.split("\n").filter((line) => line.includes("requests (one per"));
    expect(estimates).toEqual([
      expect.stringContaining(`contact_segments: about ${CONTACTS} requests (one per contact), about 1 second at the rate limit`),
    ]);
    // A default-set stream gets no estimate.
    expect(run.stderr).not.toContain("teams: about");
  });
});

test("an incremental run reads the opt-in children only of the contacts changed since the cursor", async () => {
  await withTempDir(async (dir) => {
    const args = syncTo(dir, ["--quiet", "--streams", "contact_segments"]);
    expect((await runCli(args)).exitCode).toBe(0);
    const [first, second] = [...fake.workspace.records("contacts")].slice(0, 2).map((contact) => String(contact.id));
    catchUp(fake);
    fake.workspace.updateContact(first!);
    fake.workspace.updateContact(second!);
    await settle();
    const before = routeCount(SEGMENTS_ROUTE);
    const run = await runCli(args);
    expect(run.exitCode).toBe(0);
    expect(routeCount(SEGMENTS_ROUTE) - before).toBe(2);
  });
});

test("`streams` shows what each stream costs in requests and which are opt-in", async () => {
  const run = await runCli(["streams"]);
  expect(run.exitCode).toBe(0);
  // A stream's block: its line and the indented lines under it (the output is wrapped to 100 columns).
  const row = (name: string) => {
    const lines = run.stdout.split("\n");
    const start = lines.findIndex((line) => line.startsWith(`${name} `));
    const end = lines.findIndex((line, index) => index > start && !line.startsWith(" "));
    return lines.slice(start, end).map((line) => line.trim()).join(" ");
  };
  expect(row("contacts")).toContain("1 per page");
  expect(row("company_segments")).toContain("1 per company");
  expect(row("company_segments")).not.toContain("opt-in");
  expect(row("conversation_parts")).toContain("1 per conversation");
  expect(row("contact_segments")).toContain("1 per contact (opt-in)");
  expect(row("contact_notes")).toContain("1 per contact, +1 per further page (opt-in)");

  // Each stream's first API version: a stream that exists only from a later one is read with it.
  expect(row("contacts")).toContain("from API 2.11");
  expect(row("ticket_states")).toContain("from API 2.14");
  expect(row("side_conversations")).toContain("1 per conversation, +1 per further page (opt-in)");
  expect(row("side_conversations")).toContain("from API 2.16");
  expect(row("custom_object_instances")).toContain(
    "1 per record the conversations and tickets refer to, each once a run; 1 per 150 of a type read whole (opt-in)",
  );
  expect(row("custom_object_instances")).toContain("from API 2.14");
  expect(row("content_receipts")).toContain("1 job a run: 1 to enqueue, 1 per poll, 1 download (opt-in)");

  const json = JSON.parse((await runCli(["streams", "--json"])).stdout) as {
    name: string;
    requests: string;
    default: boolean;
    firstVersion: string;
  }[];
  const optIn = json.filter((stream) => !stream.default).map((stream) => stream.name);
  // The document streams are opt-in for what they are (renderings), not for a cost of their own.
  expect(optIn).toEqual([
    "contact_segments",
    "contact_notes",
    "conversation_transcripts",
    "ticket_transcripts",
    "article_documents",
    "call_transcripts",
    "custom_object_instances",
    "content_receipts",
    "content_events",
    "side_conversations",
    "handling_events",
    "company_notes",
    "contact_merge_history",
    "article_versions",
  ]);
  expect(json.find((stream) => stream.name === "calls")?.firstVersion).toBe("2.14");
  expect(json.find((stream) => stream.name === "macros")?.firstVersion).toBe("2.16");
  expect(json.find((stream) => stream.name === "contact_segments")?.requests).toBe("1 per contact (opt-in)");
  expect(json.find((stream) => stream.name === "content_events")?.requests).toBe("none: the same job and download as content_receipts (opt-in)");
});
