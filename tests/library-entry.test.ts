import { afterAll, beforeAll, expect, test } from "bun:test";
import { createApiClient, memoryStateStore, runSync, selectStreams, STREAM_NAMES, type Sink } from "../mod.ts";
import { startFakeIntercom, type RunningFakeIntercom } from "../src/fake/mod.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: Math.floor(Date.now() / 1000) - 7200, sizes: { contacts: 160 } });
});
afterAll(() => fake.close());

test("mod.ts is enough to run a sync as a library: client, catalog, engine, state store and a custom sink", async () => {
  expect(STREAM_NAMES.length).toBeGreaterThanOrEqual(13);
  const written = new Map<string, number>();
  const sink: Sink = {
    open: async () => {},
    write: async (stream, records) => void written.set(stream, (written.get(stream) ?? 0) + records.length),
    close: async () => {},
  };
  const store = memoryStateStore();
  const result = await runSync({
    client: createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "library-test" }),
    sink,
    store,
    streams: selectStreams(["contacts", "teams"]),
  });
  expect(result.outcome).toBe("ok");
  expect(written.get("contacts")).toBe([...fake.workspace.records("contacts")].length);
  expect(written.get("teams")).toBe([...fake.workspace.records("teams")].length);
  expect(store.get("contacts")?.cursor).toBeGreaterThan(0);
});
