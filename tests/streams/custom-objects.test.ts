/**
 * custom_object_instances (API 2.14): no endpoint lists the custom object types, so the instances are those the
 * conversations the run reads refer to (in their custom attributes), each read by id once a run, asked with
 * 2.14 on a 2.11 run; opt-in, with its estimate; a workspace without custom objects completes with one warning.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";

type Row = Record<string, unknown>;
const DAY = 86_400;
const ids = (rows: Iterable<Row>) => [...rows].map((row) => `${String(row.type)}/${String(row.id)}`).sort();

/** How many references the conversations make, counting one instance as often as it is named. */
function referenceCount(conversations: Iterable<Row>): number {
  let count = 0;
  for (const conversation of conversations) {
    const order = (conversation.custom_attributes as Row).Order as { instances: Row[] } | undefined;
    count += order?.instances.length ?? 0;
  }
  return count;
}

describe("a workspace with custom objects", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { conversations: 60, customObjectInstances: 8 } });
  });
  afterAll(() => fake.close());

  test("opt-in: a run without it asks nothing; named, every referred instance once, by id, with 2.14 on a 2.11 run", async () => {
    const route = "GET /custom_object_instances/{id}/{id}";
    await syncWith(fake, ["conversations"]);
    expect(fake.stats.byRoute[route] ?? 0).toBe(0);

    const expected = [...fake.workspace.records("custom_object_instances")];
    // More references than instances, or this proves nothing about reading each once.
    expect(referenceCount(fake.workspace.records("conversations"))).toBeGreaterThan(expected.length);
    expect(expected.length).toBeGreaterThan(1);

    const events: Row[] = [];
    const { result, sink } = await syncWith(fake, ["conversations", "custom_object_instances"], {
      intercomVersion: "2.11",
      onEvent: (event) => events.push(event as unknown as Row),
    });
    expect(result.outcome).toBe("ok");
    expect(result.mismatches).toEqual([]);
    expect(ids(sink.all("custom_object_instances"))).toEqual(ids(expected));
    expect(sink.all("custom_object_instances")).toEqual(expect.arrayContaining(expected));
    expect(fake.stats.byRoute[route]).toBe(expected.length);
    expect(Object.keys(fake.stats.versionsByRoute[route]!)).toEqual(["2.14"]);
    expect(result.streams.find((stream) => stream.name === "custom_object_instances")!.warnings).toEqual([]);
    const estimate = events.find((event) => event.kind === "estimate" && event.stream === "custom_object_instances");
    expect(estimate?.message).toContain("custom_object_instances: one request per record the 60 conversations to read refer to");
  });

  test("an incremental run reads only the instances the changed conversations refer to", async () => {
    const store = memoryStateStore();
    expect((await syncWith(fake, ["conversations", "custom_object_instances"], { store })).result.outcome).toBe("ok");
    fake.workspace.now += DAY;
    const referring = [...fake.workspace.records("conversations")].find((conversation) =>
      ((conversation.custom_attributes as Row).Order as { instances: Row[] } | undefined) !== undefined
    )!;
    fake.workspace.addConversationPart(String(referring.id));
    const { result, sink } = await syncWith(fake, ["conversations", "custom_object_instances"], { store });
    expect(result.outcome).toBe("ok");
    const changed = [...fake.workspace.records("conversations")].find((conversation) => conversation.id === referring.id)!;
    expect(ids(sink.all("custom_object_instances"))).toEqual(ids((changed.custom_attributes as { Order: { instances: Row[] } }).Order.instances));
  });
});

describe("a workspace without custom objects", () => {
  test("nothing asked, one warning, the run ok", async () => {
    const fake = await startFake({ sizes: { conversations: 20, customObjectInstances: 0 } });
    try {
      const { result, sink } = await syncWith(fake, ["conversations", "custom_object_instances"]);
      expect(result.outcome).toBe("ok");
      expect(sink.all("custom_object_instances")).toEqual([]);
      expect(result.streams.find((stream) => stream.name === "custom_object_instances")!.warnings).toEqual([
        expect.stringContaining("this workspace seems to have no custom objects"),
      ]);
      expect(sink.all("conversations").length).toBe(20);
    } finally {
      await fake.close();
    }
  });

  test("through the CLI: exit 0, the warning said once", async () => {
    const fake = await startFake({ sizes: { conversations: 20, customObjectInstances: 0 } });
    const dir = tempDir();
    try {
      const run = await runCliInProcess([
        "sync",
        "--base-url",
        fake.url,
        "--token",
        "test-token",
        "--streams",
        "conversations,custom_object_instances",
        "--output",
        dir.file("out.jsonl"),
        "--state",
        dir.file("state.json"),
      ]);
      expect({ exitCode: run.exitCode, stderr: run.stderr }).toMatchObject({ exitCode: 0 });
      expect(run.stderr.split("this workspace seems to have no custom objects").length - 1).toBe(1);
    } finally {
      dir.remove();
      await fake.close();
    }
  });
});
