/**
 * custom_object_instances from both places they come from: the references of conversations *and tickets* (read
 * with each parent's incremental read, progress per parent, each instance once a run, a killed run resuming), and
 * the types named to be read whole (every instance, listed with 2.16 whatever the run's version, one gone
 * retracted, a type the workspace lacks said once).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readFile, writeFile } from "node:fs/promises";
import { formatMessage } from "@optique/core/message";
import { customObjectTypes } from "../../src/cli/args/value-parsers.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import type { GenContext } from "../../src/fake/context.ts";
import { customObjectInstance } from "../../src/fake/records/custom-objects.ts";
import { memorySink } from "../helpers/memory-sink.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";

type Row = Record<string, unknown>;
const DAY = 86_400;
const BY_ID = "GET /custom_object_instances/{id}/{id}";
const LIST = "GET /custom_object_instances/{id}";
const keyOf = (row: Row) => `${String(row.type)}/${String(row.id)}`;
const keys = (rows: Iterable<Row>) => [...new Set([...rows].map(keyOf))].sort();

/** The instances a parent's attributes (conversations: custom_attributes; tickets: ticket_attributes) refer to. */
function refsOf(attributes: unknown): Row[] {
  return ((attributes as Row | undefined)?.Order as { instances: Row[] } | undefined)?.instances ?? [];
}

function conversationRefs(fake: RunningFake): Set<string> {
  return new Set([...fake.workspace.records("conversations")].flatMap((c) => refsOf(c.custom_attributes).map(keyOf)));
}

function ticketRefs(fake: RunningFake): Set<string> {
  return new Set([...fake.workspace.records("tickets")].flatMap((t) => refsOf(t.ticket_attributes).map(keyOf)));
}

/** Every instance of the fake's one type, referred to or not. */
function everyInstance(fake: RunningFake): Row[] {
  // The workspace's generator context (FakeWorkspace does not publish it): the instances are generated from it.
  const ctx = (fake.workspace as unknown as { ctx: GenContext }).ctx;
  return Array.from({ length: ctx.sizes.customObjectInstances }, (_, k) => customObjectInstance(ctx, k));
}

describe("instances referred to by conversations and tickets", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { conversations: 30, tickets: 40, customObjectInstances: 40 } });
  });
  afterAll(() => fake.close());

  test("the instances tickets refer to are exported too, each once, whichever parents name it", async () => {
    const onlyTickets = [...ticketRefs(fake)].filter((key) => !conversationRefs(fake).has(key));
    // Instances only tickets name, and some both name: else this proves neither.
    expect(onlyTickets.length).toBeGreaterThan(0);
    expect([...ticketRefs(fake)].some((key) => conversationRefs(fake).has(key))).toBe(true);
    const before = fake.stats.byRoute[BY_ID] ?? 0;
    const events: Row[] = [];
    const { result, sink } = await syncWith(fake, ["custom_object_instances"], { onEvent: (event) => events.push(event as unknown as Row) });
    expect(result.outcome).toBe("ok");
    // Read on two passes, started and done once.
    const said = (kind: string) => events.filter((event) => event.kind === kind && event.stream === "custom_object_instances").length;
    expect([said("stream-start"), said("stream-done")]).toEqual([1, 1]);
    expect(result.mismatches).toEqual([]);
    const expected = [...fake.workspace.records("custom_object_instances")];
    expect(keys(expected)).toEqual([...new Set([...conversationRefs(fake), ...ticketRefs(fake)])].sort());
    expect(keys(sink.all("custom_object_instances"))).toEqual(keys(expected));
    expect(sink.all("custom_object_instances")).toEqual(expect.arrayContaining(expected));
    expect(sink.all("custom_object_instances").length).toBe(expected.length);
    expect((fake.stats.byRoute[BY_ID] ?? 0) - before).toBe(expected.length);
    expect(result.streams.find((stream) => stream.name === "custom_object_instances")!.warnings).toEqual([]);
  });

  test("an incremental run reads the instances of the tickets changed since, and no others", async () => {
    const store = memoryStateStore();
    expect((await syncWith(fake, ["custom_object_instances"], { store })).result.outcome).toBe("ok");
    fake.workspace.now += DAY;
    const referring = [...fake.workspace.records("tickets")].find((ticket) => refsOf(ticket.ticket_attributes).length > 0)!;
    fake.workspace.updateTicket(String(referring.id));
    const { result, sink } = await syncWith(fake, ["custom_object_instances"], { store });
    expect(result.outcome).toBe("ok");
    expect(keys(sink.all("custom_object_instances"))).toEqual(keys(refsOf(referring.ticket_attributes)));
    // The tickets' progress is the stream's under tickets; the conversations' is its own.
    expect(store.get("custom_object_instances")?.cursor).toBeGreaterThan(0);
    expect(store.get("custom_object_instances")?.parents?.tickets?.cursor).toBeGreaterThan(0);
  });

  test("a run that fails while writing what tickets refer to leaves the tickets' read to resume: nothing lost", async () => {
    const onlyTickets = new Set([...ticketRefs(fake)].filter((key) => !conversationRefs(fake).has(key)));
    const store = memoryStateStore();
    const failing = memorySink();
    const write = failing.write.bind(failing);
    let failed = false;
    failing.write = async (stream, records, deletions) => {
      if (!failed && stream === "custom_object_instances" && records.some((record) => onlyTickets.has(keyOf(record)))) {
        failed = true;
        // The worst order: the conversations' read completes (its checkpoint moves the stream's cursor to the
        // run's end) while the tickets' read is still to write what it found.
        for (let waited = 0; store.get("custom_object_instances")?.lastSyncedAt === undefined && waited < 10_000; waited += 10) {
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
        throw new Error("simulated crash while writing");
      }
      return write(stream, records, deletions);
    };
    // One window at a time: nothing of the tickets' read is written after the failed write.
    const first = await syncWith(fake, ["custom_object_instances"], { store, sink: failing, windowConcurrency: 1 });
    expect(failed).toBe(true);
    expect(first.result.outcome).not.toBe("ok");
    // The conversations' read completed: its cursor moved. The tickets' did not go past what was not written.
    expect(store.get("custom_object_instances")?.cursor).toBeGreaterThan(0);
    const written = new Set(keys(failing.all("custom_object_instances")));
    const missed = [...onlyTickets].filter((key) => !written.has(key));
    expect(missed.length).toBeGreaterThan(0);

    const second = await syncWith(fake, ["custom_object_instances"], { store });
    expect(second.result.outcome).toBe("ok");
    const now = new Set(keys(second.sink.all("custom_object_instances")));
    expect(missed.filter((key) => !now.has(key))).toEqual([]);
  });
});

describe("types read whole", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { conversations: 20, tickets: 20, customObjectInstances: 170, listPageSize: 150 } });
  });
  afterAll(() => fake.close());

  test("every instance of a named type, also those nothing refers to, listed with 2.16 on a 2.11 run, none by id", async () => {
    const all = everyInstance(fake);
    const referred = new Set([...conversationRefs(fake), ...ticketRefs(fake)]);
    expect(all.filter((instance) => !referred.has(keyOf(instance))).length).toBeGreaterThan(0);
    const byIdBefore = fake.stats.byRoute[BY_ID] ?? 0;
    const listBefore = fake.stats.byRoute[LIST] ?? 0;
    const { result, sink } = await syncWith(fake, ["custom_object_instances"], { intercomVersion: "2.11", wholeTypes: ["Order"] });
    expect(result.outcome).toBe("ok");
    expect(result.mismatches).toEqual([]);
    expect(keys(sink.all("custom_object_instances"))).toEqual(keys(all));
    expect(sink.all("custom_object_instances").length).toBe(all.length);
    expect(sink.all("custom_object_instances")).toEqual(expect.arrayContaining(all));
    expect((fake.stats.byRoute[BY_ID] ?? 0) - byIdBefore).toBe(0);
    // 170 instances at 150 a page: two pages.
    expect((fake.stats.byRoute[LIST] ?? 0) - listBefore).toBe(2);
    expect(Object.keys(fake.stats.versionsByRoute[LIST]!)).toEqual(["2.16"]);
  });

  test("an instance gone since the last complete listing is retracted; a second run writes every one again", async () => {
    const store = memoryStateStore();
    const first = await syncWith(fake, ["custom_object_instances"], { store, wholeTypes: ["Order"] });
    expect(first.result.outcome).toBe("ok");
    expect(first.sink.deletions.get("custom_object_instances") ?? []).toEqual([]);
    fake.workspace.now += DAY;
    const gone = [...fake.workspace.records("custom_object_instances")][0]!;
    const deletedAt = fake.workspace.deleteRecord("custom_object_instances", String(gone.id));
    try {
      const second = await syncWith(fake, ["custom_object_instances"], { store, wholeTypes: ["Order"] });
      expect(second.result.outcome).toBe("ok");
      expect(second.sink.deletions.get("custom_object_instances")).toEqual([
        { key: { type: "Order", id: String(gone.id) }, deletedAt: expect.any(Number) },
      ]);
      expect(second.sink.deletions.get("custom_object_instances")![0]!.deletedAt).toBeGreaterThanOrEqual(deletedAt);
      expect(keys(second.sink.all("custom_object_instances"))).toEqual(keys(everyInstance(fake).filter((i) => i.id !== gone.id)));
      expect(second.result.streams.find((stream) => stream.name === "custom_object_instances")!.deleted).toBe(1);
      // Read by reference only, the type is no longer listed whole: nothing more is retracted.
      const third = await syncWith(fake, ["custom_object_instances"], { store });
      expect(third.sink.deletions.get("custom_object_instances") ?? []).toEqual([]);
    } finally {
      fake.workspace.restoreRecord("custom_object_instances", String(gone.id));
    }
  });

  test("a type the workspace does not have is said once; the run goes on with the others", async () => {
    const { result, sink } = await syncWith(fake, ["custom_object_instances"], { wholeTypes: ["Subscription", "Order"] });
    expect(result.outcome).toBe("ok");
    expect(keys(sink.all("custom_object_instances"))).toEqual(keys(everyInstance(fake)));
    expect(result.streams.find((stream) => stream.name === "custom_object_instances")!.warnings).toEqual([
      expect.stringContaining('this workspace has no type "Subscription"'),
    ]);
  });
});

describe("--custom-object-types through the CLI", () => {
  let fake: RunningFake;
  const dir = tempDir();
  beforeAll(async () => {
    fake = await startFake({ sizes: { conversations: 10, tickets: 10, customObjectInstances: 30 } });
  });
  afterAll(async () => {
    dir.remove();
    await fake.close();
  });
  const sync = (name: string, extra: string[], streams = "custom_object_instances") =>
    runCliInProcess([
      "sync",
      "--base-url",
      fake.url,
      "--token",
      "test-token",
      "--streams",
      streams,
      "--output",
      dir.file(`${name}.jsonl`),
      "--state",
      dir.file(`${name}.state.json`),
      ...extra,
    ]);
  const exported = async (name: string) =>
    (await readFile(dir.file(`${name}.jsonl`), "utf8")).split("\n").filter((line) => line !== "")
      .map((line) => JSON.parse(line) as { stream: string; data: Row })
      .filter((line) => line.stream === "custom_object_instances")
      .map((line) => line.data);

  test("the flag reads the named types whole; a type the workspace lacks is said once; exit 0", async () => {
    const run = await sync("flag", ["--custom-object-types", "Order,Subscription"]);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toMatchObject({ exitCode: 0 });
    expect(keys(await exported("flag"))).toEqual(keys(everyInstance(fake)));
    expect(run.stderr.split('this workspace has no type "Subscription"').length - 1).toBe(1);
  });

  test("the config file's custom-object-types does the same", async () => {
    const config = dir.file("config.json");
    await writeFile(config, JSON.stringify({ "custom-object-types": "Order" }));
    const run = await sync("config", ["--config", config]);
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toMatchObject({ exitCode: 0 });
    expect(keys(await exported("config"))).toEqual(keys(everyInstance(fake)));
  });

  test("without custom_object_instances among the streams, the types are said to be ignored; nothing is listed", async () => {
    const listed = fake.stats.byRoute[LIST] ?? 0;
    const run = await sync("ignored", ["--custom-object-types", "Order"], "admins");
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toContain("--custom-object-types is ignored: custom_object_instances is not among the streams");
    expect(fake.stats.byRoute[LIST] ?? 0).toBe(listed);
  });

  test("an empty list is refused with exit 2, saying what to give", async () => {
    const run = await sync("empty", ["--custom-object-types", " , "]);
    expect(run.exitCode).toBe(2);
    const parsed = customObjectTypes().parse(" , ");
    expect(parsed.success).toBe(false);
    expect(parsed.success ? "" : formatMessage(parsed.error)).toContain("names no custom object type");
  });
});
