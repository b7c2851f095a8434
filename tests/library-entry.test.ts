import { afterAll, beforeAll, expect, test } from "bun:test";
import { createApiClient, memoryStateStore, runSync, selectStreams, type Sink, STREAM_NAMES } from "../mod.ts";
import { type RunningFakeIntercom, startFakeIntercom } from "../src/fake/mod.ts";

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

test("mod.ts is the package's declared entry: package.json and deno.json name it, and the package name imports it", async () => {
  const packageJson = (await Bun.file(new URL("../package.json", import.meta.url)).json()) as Record<string, unknown>;
  const denoJson = (await Bun.file(new URL("../deno.json", import.meta.url)).json()) as Record<string, unknown>;
  expect(packageJson.exports).toEqual({ ".": "./mod.ts" });
  expect(packageJson.main).toBe("./mod.ts");
  expect(packageJson.module).toBe("./mod.ts");
  expect(denoJson.exports).toBe("./mod.ts");
  // A package may import itself by name through its `exports`: the same module as ../mod.ts.
  const byName = await import(String(packageJson.name));
  const byPath = await import("../mod.ts");
  expect(byName.runSync).toBe(byPath.runSync);
  expect(byName.STREAM_NAMES).toBe(byPath.STREAM_NAMES);
});
