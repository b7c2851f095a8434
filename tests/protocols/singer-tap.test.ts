/**
 * `intercom-sync singer` as Meltano runs a tap: --discover prints a catalog with Singer metadata, --catalog /
 * --properties select streams by that metadata, every stdout line is a Singer message, and the value of the last
 * STATE, handed back with --state, makes the next run re-send nothing unchanged — for every stream.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { STREAMS } from "../../src/streams/catalog.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { protocolCursor } from "../../src/streams/sync-modes.ts";
import { validateSinger } from "../sinks/protocol-shapes.ts";
import { type MessagesResult, runCli, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { fakeKeys, keyOf, startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
let dir: string;
let config: string;
let catalog: Message;
let first: MessagesResult;

const tap = (...args: string[]) => runCliMessages(["singer", "--config", config, ...args], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
const recordsOf = (run: MessagesResult, stream: string) =>
  run.messages.filter((m: Message) => m.type === "RECORD" && m.stream === stream).map((m: Message) => m.record);
const lastState = (run: MessagesResult) => (run.messages.filter((m: Message) => m.type === "STATE").at(-1) as Message).value;
const partsRequests = () => fake.stats.byRoute["GET /conversations/{id}"] ?? 0;

beforeAll(async () => {
  fake = await startFake();
  dir = tempDir().dir;
  // The tap convention: the token from the environment, the rest from the config file.
  config = writeJson(dir, "config.json", { start_date: "2000-01-01T00:00:00Z", base_url: fake.url, user_agent: "meltano" });
  catalog = JSON.parse((await runCli(["singer", "--config", config, "--discover"], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } })).stdout);
  first = await tap();
}, 120_000);
afterAll(() => fake.close());

describe("singer --discover", () => {
  test("a catalog entry per stream with the Singer metadata", () => {
    expect(catalog.streams.map((entry: Message) => entry.tap_stream_id)).toEqual(STREAMS.map((stream) => stream.name));
    const root = (name: string) =>
      catalog.streams.find((entry: Message) => entry.tap_stream_id === name).metadata.find((m: Message) => m.breadcrumb.length === 0).metadata;
    expect(root("conversation_parts")).toEqual({
      "selected-by-default": true,
      inclusion: "available",
      "table-key-properties": ["conversation_id", "id"],
      "valid-replication-keys": ["updated_at"],
      "forced-replication-method": "INCREMENTAL",
      "parent-tap-stream-id": "conversations",
    });
    // Opt-in streams (a request per contact) are listed but not selected unless the user selects them.
    expect(root("contact_segments")).toMatchObject({ "selected-by-default": false, "parent-tap-stream-id": "contacts" });
    expect(root("company_segments")).toMatchObject({ "selected-by-default": true });
    // Read whole on every run, sent incrementally: only links new since the last read, removed ones as deletions.
    expect(root("company_segments")["forced-replication-method"]).toBe("INCREMENTAL");
    expect(root("company_segments")["valid-replication-keys"]).toEqual(["updated_at"]);
    expect(root("admins")).toMatchObject({ "table-key-properties": ["id"], "forced-replication-method": "FULL_TABLE" });
    const contacts = catalog.streams.find((entry: Message) => entry.tap_stream_id === "contacts");
    expect(contacts.schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const inclusion = (name: string) => contacts.metadata.find((m: Message) => m.breadcrumb.join("/") === `properties/${name}`).metadata.inclusion;
    expect([inclusion("id"), inclusion("updated_at"), inclusion("email")]).toEqual(["automatic", "automatic", "available"]);
  });

  test("needs no token", async () => {
    const run = await runCli(["singer", "--config", config, "--discover"]);
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).streams).toHaveLength(STREAMS.length);
  });
});

describe("singer: read → STATE → read", () => {
  test("the first run (no --catalog) sends every record of every stream of the default set; every line a valid Singer message", () => {
    expect({ code: first.exitCode }).toEqual({ code: 0 });
    expect(first.messages.flatMap((message, line) => validateSinger(message).map((problem) => `line ${line + 1}: ${problem}`))).toEqual([]);
    expect(recordsOf(first, "contact_segments")).toEqual([]);
    for (const stream of DEFAULT_STREAMS) {
      const keys = recordsOf(first, stream.name).map((record: Message) => keyOf(stream.name, record)).sort();
      expect({ stream: stream.name, keys }).toEqual({ stream: stream.name, keys: fakeKeys(fake, stream.name) });
    }
    // A STATE after every checkpoint, not only at the end.
    expect(first.messages.filter((m: Message) => m.type === "STATE").length).toBeGreaterThan(DEFAULT_STREAMS.length);
  });

  test("the last STATE's value handed back with --state: nothing unchanged is sent again, no conversation is fetched", async () => {
    const state = writeJson(dir, "state.json", lastState(first));
    const before = partsRequests();
    const second = await tap("--state", state);
    expect(second.exitCode).toBe(0);
    for (const stream of DEFAULT_STREAMS) {
      const expected = protocolCursor(stream) === undefined ? fakeKeys(fake, stream.name).length : 0;
      expect({ stream: stream.name, records: recordsOf(second, stream.name).length }).toEqual({ stream: stream.name, records: expected });
    }
    expect(partsRequests() - before).toBe(0);
    expect(Object.keys(lastState(second).bookmarks).sort()).toEqual(DEFAULT_STREAMS.map((stream) => stream.name).sort());
  });

  test("--catalog selects by metadata; bookmarks of streams not read are carried forward", async () => {
    const selected = new Set(["contacts", "conversation_parts"]);
    const chosen = {
      streams: catalog.streams.map((entry: Message) => ({
        ...entry,
        metadata: entry.metadata.map((
          m: Message,
        ) => (m.breadcrumb.length === 0 ? { ...m, metadata: { ...m.metadata, selected: selected.has(entry.tap_stream_id) } } : m)),
      })),
    };
    const path = writeJson(dir, "catalog.json", chosen);
    const run = await tap("--properties", path, "--state", writeJson(dir, "state-b.json", lastState(first)));
    expect(run.exitCode).toBe(0);
    expect(run.messages.filter((m: Message) => m.type === "SCHEMA").map((m: Message) => m.stream)).toEqual(["contacts", "conversation_parts"]);
    expect(run.messages.filter((m: Message) => m.type === "RECORD")).toEqual([]);
    expect(lastState(run).bookmarks.tickets).toEqual(lastState(first).bookmarks.tickets);
    const none = writeJson(dir, "catalog-none.json", { streams: chosen.streams.map((entry: Message) => ({ ...entry, metadata: [] })) });
    const empty = await tap("--catalog", none);
    expect(empty.exitCode).toBe(2);
    expect(empty.stderr).toContain("selects no streams");
  });

  test("an Airbyte connector's digit-string state works as --state; one it cannot understand → exit 2 naming the key", async () => {
    const cursor = lastState(first).bookmarks.contacts.cursor;
    const airbyte = await tap(
      "--state",
      writeJson(dir, "airbyte.json", { contacts: { updated_at: String(cursor) } }),
      "--catalog",
      writeJson(dir, "c.json", only("contacts")),
    );
    expect(airbyte.exitCode).toBe(0);
    expect(recordsOf(airbyte, "contacts")).toEqual([]);
    const odd = await tap(
      "--state",
      writeJson(dir, "odd.json", { bookmarks: { contacts: { updated_at: cursor, page: 3 } } }),
      "--catalog",
      writeJson(dir, "c2.json", only("contacts")),
    );
    expect(odd.exitCode).toBe(2);
    expect(odd.stdout).toBe("");
    expect(odd.stderr).toContain('contacts: unknown key "page"');
    expect(odd.stderr).toContain("--full-refresh");
  });
});

function only(name: string): Message {
  return {
    streams: catalog.streams.map((entry: Message) => ({
      ...entry,
      metadata: entry.metadata.map((
        m: Message,
      ) => (m.breadcrumb.length === 0 ? { ...m, metadata: { ...m.metadata, selected: entry.tap_stream_id === name } } : m)),
    })),
  };
}
