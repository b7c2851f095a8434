/**
 * Deletions found by the engine: streams read whole compare each complete read with the last one (and only a
 * complete read counts), conversations come from their deletion feed (asked with Intercom-Version 2.16).
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { memoryKeyStore } from "../../src/engine/deletions/key-store.ts";
import { keyListDigest } from "../../src/engine/deletions/key-store.ts";
import { memoryStateStore, type StateStore } from "../../src/engine/state-store.ts";
import { SCROLL_IDLE_MS } from "../../src/fake/mod.ts";
import type { FakeOptions } from "../../src/fake/types.ts";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import { clientFor, type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { keyOf } from "../helpers/memory-sink.ts";
import { NotFoundError, TransientError } from "../../src/errors.ts";

let fake: RunningFake;
let wall: number;
let store: StateStore;

async function start(options: FakeOptions = {}): Promise<void> {
  wall = Date.now();
  fake = await startFake({ wallClock: () => wall, sizes: { companies: 120, conversations: 20, contacts: 10, tickets: 5, maxParts: 3 }, ...options });
  store = memoryStateStore();
}
beforeEach(() => start());
afterEach(() => fake.close());

/** The fake's client, failing the requests `fail` picks with the error it returns. */
function failing(fail: (request: ApiRequest, index: number) => Error | undefined): ApiClient {
  const inner = clientFor(fake);
  let index = 0;
  return {
    request<T>(request: ApiRequest) {
      const error = fail(request, index++);
      return error ? Promise.reject(error) : inner.request<T>(request);
    },
    get stats() {
      return inner.stats;
    },
    serverNow: () => inner.serverNow?.(),
  };
}

function companyLinks(companyId: string): string[] {
  return [...fake.workspace.records("company_segments")].filter((row) => row.company_id === companyId).map((row) => keyOf(row, ["company_id", "id"]))
    .sort();
}

describe("streams read whole", () => {
  test("a company deleted since the last complete scroll is deleted, with its segment links, at the run's time", async () => {
    await syncWith(fake, ["companies", "company_segments"], { store });
    const company = String([...fake.workspace.records("companies")][7]!.id);
    const links = companyLinks(company);
    expect(links.length).toBeGreaterThan(0);
    fake.workspace.now += 60;
    fake.workspace.deleteRecord("companies", company);
    const { sink, result } = await syncWith(fake, ["companies", "company_segments"], { store });
    expect(result.outcome).toBe("ok");
    const runTime = fake.workspace.now + 1; // the harness's clock
    expect(sink.deletions.get("companies")).toEqual([{ key: { id: company }, deletedAt: runTime }]);
    expect(sink.deletions.get("company_segments")!.map((deletion) => keyOf(deletion.key, ["company_id", "id"])).sort()).toEqual(links);
    expect(result.streams.find((stream) => stream.name === "companies")!.deleted).toBe(1);
    // Recorded: the next run finds nothing more.
    const again = await syncWith(fake, ["companies", "company_segments"], { store });
    expect(again.sink.deletions.size).toBe(0);
  });

  test("a scroll that fails midway deletes nothing and keeps the last complete read; the next complete scroll does", async () => {
    await syncWith(fake, ["companies", "company_segments"], { store });
    const seen = structuredClone(store.get("companies")!.seen);
    const company = String([...fake.workspace.records("companies")][3]!.id);
    fake.workspace.now += 60;
    fake.workspace.deleteRecord("companies", company);
    let scrollRequests = 0;
    const client = failing((request) =>
      request.path.startsWith("/companies/scroll") && ++scrollRequests === 2 ? new TransientError("connection reset", 4, "companies") : undefined
    );
    const { sink, result } = await syncWith(fake, ["companies", "company_segments"], { store, client, scrollWaitMs: 50, scrollPollMs: 10 });
    expect(result.streams.map((stream) => stream.outcome)).toEqual(["failed", "failed"]);
    expect(scrollRequests).toBeGreaterThanOrEqual(2); // a page was read…
    expect(sink.deletions.size).toBe(0); // …but the read was not complete
    expect(store.get("companies")!.seen).toEqual(seen);

    wall += SCROLL_IDLE_MS + 1000; // the broken scroll expires in the fake
    const next = await syncWith(fake, ["companies", "company_segments"], { store });
    expect(next.result.outcome).toBe("ok");
    expect(next.sink.deletions.get("companies")!.map((deletion) => deletion.key.id)).toEqual([company]);
  });

  test("a scroll another client holds fails the stream and deletes nothing", async () => {
    await syncWith(fake, ["companies"], { store });
    fake.workspace.deleteRecord("companies", String([...fake.workspace.records("companies")][0]!.id));
    fake.faults.scrollHeldUntilMs = wall + 3_600_000;
    const { sink, result } = await syncWith(fake, ["companies"], { store, scrollWaitMs: 50, scrollPollMs: 10 });
    expect(result.streams[0]!.outcome).toBe("failed");
    expect(sink.deletions.size).toBe(0);
  });

  test("a scroll Intercom breaks and the engine restarts is still complete: exactly the deleted company, no other", async () => {
    await syncWith(fake, ["companies"], { store });
    const company = String([...fake.workspace.records("companies")][100]!.id);
    fake.workspace.deleteRecord("companies", company);
    fake.faults.scrollRestartAfterPages = 1;
    const { sink, result } = await syncWith(fake, ["companies"], { store });
    expect(result.outcome).toBe("ok");
    expect(sink.deletions.get("companies")!.map((deletion) => deletion.key.id)).toEqual([company]);
  });

  test("admins, tags and data attributes (a two-field key) are compared with the last complete read too", async () => {
    await syncWith(fake, ["admins", "tags", "contact_attributes"], { store });
    const admin = String([...fake.workspace.records("admins")][0]!.id);
    const attribute = [...fake.workspace.records("contact_attributes")].find((record) => record.id !== undefined)!;
    fake.workspace.deleteRecord("admins", admin);
    fake.workspace.deleteRecord("contact_attributes", String(attribute.id));
    const { sink } = await syncWith(fake, ["admins", "tags", "contact_attributes"], { store });
    expect(sink.deletions.get("admins")!.map((deletion) => deletion.key)).toEqual([{ id: admin }]);
    expect(sink.deletions.get("contact_attributes")!.map((deletion) => deletion.key)).toEqual([
      { model: String(attribute.model), full_name: String(attribute.full_name) },
    ]);
    expect(sink.deletions.has("tags")).toBe(false);
  });

  test("1,200 keys travel packed inside the state itself: a store rebuilt from the state's JSON alone finds a deletion", async () => {
    await fake.close();
    await start({ sizes: { companies: 1200, conversations: 2, contacts: 2, tickets: 1 } });
    await syncWith(fake, ["companies"], { store });
    const seen = store.get("companies")!.seen!;
    expect(seen.count).toBe(1200);
    expect(seen.packed).toBeString();
    expect(seen.digest).toMatch(/^[0-9a-f]{64}$/);
    // Only the state, as a platform passes it back: no key store, nothing beside it.
    const passedBack = memoryStateStore(JSON.parse(JSON.stringify({ companies: store.get("companies") })));
    const company = String([...fake.workspace.records("companies")][1105]!.id);
    fake.workspace.deleteRecord("companies", company);
    const second = await syncWith(fake, ["companies"], { store: passedBack });
    expect(second.sink.deletions.get("companies")!.map((deletion) => deletion.key.id)).toEqual([company]);
    expect(second.result.streams[0]!.warnings).toEqual([]);
    expect(passedBack.get("companies")!.seen!.count).toBe(1199);
  });

  test("an earlier version's key list in a key store (a side file) is read, replaced by the packed form, and forgotten", async () => {
    await fake.close();
    await start({ sizes: { companies: 1030, conversations: 2, contacts: 2, tickets: 1 } });
    const ids = [...fake.workspace.records("companies")].map((record) => String(record.id)).sort();
    const digest = await keyListDigest(ids);
    const keys = memoryKeyStore();
    await keys.write("companies", digest, ids);
    const old = memoryStateStore({ companies: { seen: { count: ids.length, digest } } });
    fake.workspace.deleteRecord("companies", ids[17]!);
    const { sink, result } = await syncWith(fake, ["companies"], { store: old, keys });
    expect(sink.deletions.get("companies")!.map((deletion) => deletion.key.id)).toEqual([ids[17]]);
    expect(result.streams[0]!.warnings).toEqual([]);
    expect(old.get("companies")!.seen!.packed).toBeString();
    expect(await keys.read("companies", digest)).toBeUndefined();
  });

  test("an earlier version's inline keys are read and replaced by the packed form", async () => {
    await syncWith(fake, ["tags"], { store });
    const ids = [...fake.workspace.records("tags")].map((record) => String(record.id)).sort();
    const old = memoryStateStore({ tags: { seen: { count: ids.length, keys: ids } } });
    fake.workspace.deleteRecord("tags", ids[0]!);
    const { sink } = await syncWith(fake, ["tags"], { store: old });
    expect(sink.deletions.get("tags")!.map((deletion) => deletion.key.id)).toEqual([ids[0]]);
    expect(old.get("tags")!.seen).toEqual({ count: ids.length - 1, digest: expect.any(String), packed: expect.any(String) });
  });

  test("a lost key list of an earlier version finds no deletions and says so once; the next run compares again without a word", async () => {
    await syncWith(fake, ["companies"], { store });
    const count = store.get("companies")!.seen!.count;
    const lost = memoryStateStore({ companies: { seen: { count, digest: "a".repeat(64) } } });
    fake.workspace.deleteRecord("companies", String([...fake.workspace.records("companies")][0]!.id));
    const first = await syncWith(fake, ["companies"], { store: lost, keys: memoryKeyStore() });
    expect(first.sink.deletions.size).toBe(0);
    expect(first.result.streams[0]!.warnings.some((warning) => warning.includes("keys of its last complete read are missing"))).toBe(true);
    fake.workspace.deleteRecord("companies", String([...fake.workspace.records("companies")][1]!.id));
    const next = await syncWith(fake, ["companies"], { store: lost, keys: memoryKeyStore() });
    expect(next.sink.deletions.get("companies")!.length).toBe(1);
    expect(next.result.streams[0]!.warnings).toEqual([]);
  });

  test("packed keys that do not match their digest (edited by hand) find no deletions rather than wrong ones", async () => {
    await syncWith(fake, ["tags"], { store });
    const seen = store.get("tags")!.seen!;
    const other = memoryStateStore({ tags: { seen: { ...seen, digest: "b".repeat(64) } } });
    fake.workspace.deleteRecord("tags", String([...fake.workspace.records("tags")][0]!.id));
    const { sink, result } = await syncWith(fake, ["tags"], { store: other });
    expect(sink.deletions.size).toBe(0);
    expect(result.streams[0]!.warnings.some((warning) => warning.includes("keys of its last complete read are missing"))).toBe(true);
  });
});

describe("the conversations deletion feed", () => {
  test("asked with Intercom-Version 2.16 on a 2.11 run; deleted_at as Intercom says; incremental by deleted_at", async () => {
    await syncWith(fake, ["conversations"], { store, intercomVersion: "2.11" });
    const ids = [...fake.workspace.records("conversations")].map((record) => String(record.id));
    fake.workspace.now += 100;
    const first = fake.workspace.deleteRecord("conversations", ids[2]!);
    fake.workspace.now += 100;
    const second = fake.workspace.deleteRecord("conversations", ids[5]!);
    const before = fake.stats.versions["2.16"] ?? 0;
    const { sink, result } = await syncWith(fake, ["conversations"], { store, intercomVersion: "2.11" });
    expect(result.outcome).toBe("ok");
    expect(fake.stats.versions["2.16"]! - before).toBe(1);
    expect(fake.stats.byRoute["GET /conversations/deleted"]).toBe(2);
    expect(sink.deletions.get("conversations")).toEqual([
      { key: { id: ids[5]! }, deletedAt: second },
      { key: { id: ids[2]! }, deletedAt: first },
    ]);
    expect(store.get("conversations")!.deletedCursor).toBe(fake.workspace.now + 1);

    fake.workspace.now += 100;
    const third = fake.workspace.deleteRecord("conversations", ids[7]!);
    const next = await syncWith(fake, ["conversations"], { store, intercomVersion: "2.11" });
    expect(next.sink.deletions.get("conversations")).toEqual([{ key: { id: ids[7]! }, deletedAt: third }]);
  });

  test("on Intercom's clock: a machine clock 3 h ahead still finds conversations deleted an hour before the next run", async () => {
    await fake.close();
    await start({ dateHeader: "workspace" });
    // Intercom's clock is the workspace's (the Date header); this machine's runs 3 h ahead of it.
    const machine = () => (fake.workspace.now + 3 * 3600) * 1000;
    await syncWith(fake, ["conversations"], { store, now: machine, searchLagMinutes: 5 });
    const ids = [...fake.workspace.records("conversations")].map((record) => String(record.id));
    fake.workspace.now += 3600;
    const deleted = ids.slice(0, 3).map((id) => ({ key: { id }, deletedAt: fake.workspace.deleteRecord("conversations", id) }));
    fake.workspace.now += 3600;
    const { sink, result } = await syncWith(fake, ["conversations"], { store, now: machine, searchLagMinutes: 5 });
    expect(result.outcome).toBe("ok");
    expect(sink.deletions.get("conversations")?.sort((a, b) => String(a.key.id).localeCompare(String(b.key.id)))).toEqual(deleted);
    // The cursor is Intercom's time minus the search lag, not this machine's.
    expect(store.get("conversations")!.deletedCursor).toBe(fake.workspace.now + 1 - 5 * 60);
  });

  test("a deletion within the search lag before the run is the next run's, written once", async () => {
    await fake.close();
    await start({ dateHeader: "workspace" });
    const lagged = { store, searchLagMinutes: 5 };
    await syncWith(fake, ["conversations"], lagged);
    const ids = [...fake.workspace.records("conversations")].map((record) => String(record.id));
    fake.workspace.now += 3600;
    const early = fake.workspace.deleteRecord("conversations", ids[0]!);
    fake.workspace.now += 3 * 60;
    const late = fake.workspace.deleteRecord("conversations", ids[1]!);
    // Six minutes after the first deletion, three after the second: the lag (5 min) holds back only the second.
    fake.workspace.now += 3 * 60;
    const first = await syncWith(fake, ["conversations"], lagged);
    expect(first.sink.deletions.get("conversations")).toEqual([{ key: { id: ids[0]! }, deletedAt: early }]);
    fake.workspace.now += 10 * 60;
    const second = await syncWith(fake, ["conversations"], lagged);
    expect(second.sink.deletions.get("conversations")).toEqual([{ key: { id: ids[1]! }, deletedAt: late }]);
    fake.workspace.now += 10 * 60;
    const third = await syncWith(fake, ["conversations"], lagged);
    expect(third.sink.deletions.size).toBe(0);
  });

  test("many deletions across pages of 60, read newest first down to the cursor", async () => {
    await fake.close();
    await start({ sizes: { companies: 3, conversations: 150, contacts: 3, tickets: 1, maxParts: 1 } });
    await syncWith(fake, ["conversations"], { store });
    const ids = [...fake.workspace.records("conversations")].map((record) => String(record.id));
    for (const [index, id] of ids.slice(0, 130).entries()) {
      fake.workspace.now += 1 + (index % 2);
      fake.workspace.deleteRecord("conversations", id);
    }
    const { sink } = await syncWith(fake, ["conversations"], { store });
    expect(sink.deletions.get("conversations")!.map((deletion) => deletion.key.id).sort()).toEqual(ids.slice(0, 130).sort());
    const requests = fake.stats.byRoute["GET /conversations/deleted"];
    // Nothing new: one page read, nothing written.
    const again = await syncWith(fake, ["conversations"], { store });
    expect(again.sink.deletions.size).toBe(0);
    expect(fake.stats.byRoute["GET /conversations/deleted"]! - requests!).toBe(1);
  });

  test("a workspace that answers 404 for the feed: said once, the run goes on ok", async () => {
    const client = failing((request) =>
      request.path === "/conversations/deleted" ? new NotFoundError("not found", 404, "not_found", undefined, "conversations") : undefined
    );
    const { result } = await syncWith(fake, ["conversations", "conversation_parts"], { store, client });
    expect(result.outcome).toBe("ok");
    const warnings = result.streams.find((stream) => stream.name === "conversations")!.warnings;
    expect(warnings.filter((warning) => warning.includes("/conversations/deleted answered 404")).length).toBe(1);
  });

  test("the feed is not read when conversations are not exported", async () => {
    await syncWith(fake, ["conversation_parts"], { store });
    expect(fake.stats.byRoute["GET /conversations/deleted"]).toBeUndefined();
  });
});
