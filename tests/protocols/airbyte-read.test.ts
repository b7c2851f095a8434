/**
 * `airbyte read` against the fake: every record of the selected streams, every line a valid Airbyte message,
 * STATE only after the records it covers, and a second read from the emitted state re-sends nothing unchanged.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { FakeStreamName, RunningFakeIntercom } from "../../src/fake/mod.ts";
import { streamByName, STREAMS } from "../../src/streams/catalog.ts";
import { protocolCursor, protocolSyncModes } from "../../src/streams/sync-modes.ts";
import { validateAirbyte } from "../sinks/protocol-shapes.ts";
import { type MessagesResult, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { fakeKeys, keyOf, startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
let dir: string;
let config: string;
let full: MessagesResult;

const catalogOf = (names: string[], syncMode = "incremental") => ({
  streams: names.map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
    sync_mode: syncMode,
    destination_sync_mode: "append",
  })),
});

const records = (run: MessagesResult, stream: string) =>
  run.messages.filter((m: Message) => m.type === "RECORD" && m.record.stream === stream).map((m: Message) => m.record.data);
const states = (run: MessagesResult) => run.messages.filter((m: Message) => m.type === "STATE");

beforeAll(async () => {
  fake = await startFake();
  dir = tempDir().dir;
  config = writeJson(dir, "config.json", { access_token: "test-token", base_url: fake.url, lookback_window: 0, activity_logs_time_step: 30 });
  const catalog = writeJson(dir, "catalog.json", catalogOf(STREAMS.map((stream) => stream.name)));
  full = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog]);
}, 120_000);
afterAll(() => fake.close());

describe("a full airbyte read of every stream", () => {
  test("exits 0 and every stdout line is a valid Airbyte message", () => {
    expect(full.exitCode).toBe(0);
    expect(full.messages.length).toBeGreaterThan(0);
    const problems = full.messages.flatMap((message, line) => validateAirbyte(message).map((problem) => `line ${line + 1}: ${problem}`));
    expect(problems).toEqual([]);
    expect(full.messages.filter((m: Message) => m.type === "TRACE" && m.trace.type === "ERROR")).toEqual([]);
  });

  test("carries every record of the fake, each once", () => {
    for (const stream of STREAMS) {
      const exported = records(full, stream.name).map((record: Message) => keyOf(stream.name, record));
      expect({ stream: stream.name, keys: exported.sort() }).toEqual({ stream: stream.name, keys: fakeKeys(fake, stream.name) });
    }
  });

  test("each STATE follows the records it counts, and every stream ends with a STATE after its last record", () => {
    const pending = new Map<string, number>();
    for (const message of full.messages as Message[]) {
      if (message.type === "RECORD") pending.set(message.record.stream, (pending.get(message.record.stream) ?? 0) + 1);
      if (message.type === "STATE") {
        const name = message.state.stream.stream_descriptor.name;
        expect({ name, recordCount: message.state.sourceStats.recordCount }).toEqual({ name, recordCount: pending.get(name) ?? 0 });
        pending.set(name, 0);
      }
    }
    for (const stream of STREAMS) expect({ stream: stream.name, after: pending.get(stream.name) ?? 0 }).toEqual({ stream: stream.name, after: 0 });
  });

  test("a STATE's cursor is only past records already sent (search streams and activity logs)", () => {
    for (const name of ["contacts", "conversations", "tickets", "activity_logs"]) {
      const field = streamByName(name)!.cursorField!;
      const all = [...fake.workspace.records(name as never)] as Message[];
      const sent = new Set<string>();
      let checked = 0;
      for (const message of full.messages as Message[]) {
        if (message.type === "RECORD" && message.record.stream === name) sent.add(keyOf(name, message.record.data));
        if (message.type !== "STATE" || message.state.stream.stream_descriptor.name !== name) continue;
        const cursor = message.state.stream.stream_state.cursor;
        if (cursor === undefined) continue;
        const missing = all.filter((record) => (record[field] as number) < cursor && !sent.has(keyOf(name, record)));
        expect({ name, cursor, missing: missing.length }).toEqual({ name, cursor, missing: 0 });
        checked++;
      }
      expect(checked).toBeGreaterThan(0);
    }
  });

  test("each stream reports STARTED, then COMPLETE", () => {
    const statuses = (name: string) =>
      full.messages
        .filter((m: Message) => m.type === "TRACE" && m.trace.type === "STREAM_STATUS" && m.trace.stream_status.stream_descriptor.name === name)
        .map((m: Message) => m.trace.stream_status.status);
    for (const stream of STREAMS) {
      const seen = statuses(stream.name);
      expect(seen[0]).toBe("STARTED");
      expect(seen.at(-1)).toBe("COMPLETE");
    }
  });
});

describe("incremental reads and selection", () => {
  test("a read from the emitted state (as an array of STATE messages) sends no unchanged contact", async () => {
    const last = new Map<string, Message>();
    for (const message of states(full) as Message[]) last.set(message.state.stream.stream_descriptor.name, message.state);
    const state = writeJson(dir, "state.json", [...last.values()]);
    const catalog = writeJson(dir, "catalog-contacts.json", catalogOf(["contacts", "tags"]));
    const run = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog, "--state", state]);
    expect(run.exitCode).toBe(0);
    expect(records(run, "contacts")).toEqual([]);
    // A stream without a cursor is read whole every time.
    expect(records(run, "tags").length).toBe(fakeKeys(fake, "tags").length);
    // Only the selected streams appear.
    const streams = new Set(run.messages.filter((m: Message) => m.type === "RECORD").map((m: Message) => m.record.stream));
    expect([...streams]).toEqual(["tags"]);
    expect(states(run).map((m: Message) => m.state.stream.stream_descriptor.name).sort()).toEqual(expect.arrayContaining(["contacts", "tags"]));
  });

  test("the legacy state object works too, and full_refresh ignores it", async () => {
    const cursor =
      (states(full) as Message[]).filter((m) => m.state.stream.stream_descriptor.name === "contacts").at(-1)!.state.stream.stream_state.cursor;
    const legacy = writeJson(dir, "legacy.json", { contacts: { updated_at: cursor } });
    const incremental = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      writeJson(dir, "c1.json", catalogOf(["contacts"])),
      "--state",
      legacy,
    ]);
    expect(incremental.exitCode).toBe(0);
    expect(records(incremental, "contacts")).toEqual([]);
    const refresh = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      writeJson(dir, "c2.json", catalogOf(["contacts"], "full_refresh")),
      "--state",
      legacy,
    ]);
    expect(refresh.exitCode).toBe(0);
    expect(records(refresh, "contacts").length).toBe(fakeKeys(fake, "contacts").length);
  });

  test("a refused token → TRACE ERROR config_error on stdout and exit 1", async () => {
    const bad = writeJson(dir, "bad.json", { access_token: "nope-nope", base_url: fake.url });
    const run = await runCliMessages(["airbyte", "read", "--config", bad, "--catalog", writeJson(dir, "c3.json", catalogOf(["admins", "tags"]))]);
    expect(run.exitCode).toBe(1);
    for (const message of run.messages) expect(validateAirbyte(message)).toEqual([]);
    const errors = run.messages.filter((m: Message) => m.type === "TRACE" && m.trace.type === "ERROR") as Message[];
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((m) => m.trace.error.failure_type === "config_error")).toBe(true);
    expect(records(run, "admins")).toEqual([]);
  });

  test("an unknown stream in the catalog → TRACE ERROR config_error naming it", async () => {
    const run = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      writeJson(dir, "c4.json", catalogOf(["contacts", "users"])),
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.messages).toHaveLength(1);
    expect(run.messages[0]).toMatchObject({ type: "TRACE", trace: { error: { failure_type: "config_error" } } });
    expect(JSON.stringify(run.messages[0])).toContain("users");
  });
});

describe("read → state → read, every stream", () => {
  const lastStates = (run: MessagesResult) => {
    const last = new Map<string, Message>();
    for (const message of states(run) as Message[]) last.set(message.state.stream.stream_descriptor.name, message.state);
    return [...last.values()];
  };
  const partsRequests = () => fake.stats.byRoute["GET /conversations/{id}"] ?? 0;
  let second: MessagesResult;

  test("the second read from the first's state re-sends nothing unchanged, and fetches no conversation's parts", async () => {
    // As Airbyte configures it from discover: incremental where offered, full_refresh elsewhere.
    const allStreams = writeJson(dir, "catalog-all.json", {
      streams: STREAMS.map((stream) => ({ ...catalogOf([stream.name]).streams[0], sync_mode: protocolSyncModes(stream).at(-1) })),
    });
    const before = partsRequests();
    second = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      allStreams,
      "--state",
      writeJson(dir, "state-1.json", lastStates(full)),
    ]);
    expect(second.exitCode).toBe(0);
    expect(second.messages.flatMap((message) => validateAirbyte(message))).toEqual([]);
    const firstCursor = (name: string) =>
      (lastStates(full).find((state) => (state as Message).stream.stream_descriptor.name === name) as Message).stream.stream_state.cursor as number;
    for (const stream of STREAMS) {
      // An export job's stream re-reads a trailing window before its cursor by design (content_receipts: a week,
      // as later opens and clicks count only inside a job's window): exactly the fake's records in that window.
      const lookback = stream.read.kind === "export-job" ? stream.read.lookback : undefined;
      // content_events: the events of the receipts its parent's job exports again.
      const receipts = (from: number) =>
        new Set(
          [...fake.workspace.records("content_receipts")].filter((receipt) => (receipt.received_at as number) >= from).map((receipt) =>
            receipt.receipt_id
          ),
        );
      const parentRead = stream.read.kind === "export-file" ? streamByName(stream.read.parent)?.read : undefined;
      const expected = lookback !== undefined
        ? [...fake.workspace.records(stream.name as FakeStreamName)].filter((record) =>
          (record[stream.cursorField!] as number) >= firstCursor(stream.name) - lookback
        ).length
        : parentRead?.kind === "export-job"
        ? [...fake.workspace.records(stream.name as FakeStreamName)].filter((event) =>
          receipts(firstCursor(stream.name) - parentRead.lookback).has(event.receipt_id)
        ).length
        : protocolCursor(stream) === undefined
        ? fakeKeys(fake, stream.name).length
        : 0;
      expect({ stream: stream.name, records: records(second, stream.name).length }).toEqual({ stream: stream.name, records: expected });
    }
    expect(partsRequests() - before).toBe(0);
    // No state was dropped: nothing warns about it. (Other warnings, such as segment listings that fall short and
    // the companies read one by one instead, are the run's own news, not the state's.)
    const stateWarnings = second.messages.filter(
      (m: Message) => m.type === "LOG" && m.log.level === "WARN" && /state|cursor|bookmark/i.test(m.log.message),
    );
    expect(stateWarnings.map((m: Message) => m.log.message)).toEqual([]);
  });

  test("after a new part, the third read sends that conversation and its parts only, with one conversation fetched", async () => {
    const conversation = String([...fake.workspace.records("conversations")][1]!.id);
    // Stamped after the second read's bound (its start minus the 5-minute search lag) and before the third's.
    await Bun.sleep(1100);
    fake.workspace.now = Math.floor(Date.now() / 1000) - 301;
    fake.workspace.addConversationPart(conversation);
    const before = partsRequests();
    const catalog = writeJson(dir, "catalog-parts.json", catalogOf(["conversations", "conversation_parts"]));
    const third = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      catalog,
      "--state",
      writeJson(dir, "state-2.json", lastStates(second)),
    ]);
    expect(third.exitCode).toBe(0);
    expect(records(third, "conversations").map((record: Message) => record.id)).toEqual([conversation]);
    const parts = records(third, "conversation_parts") as Message[];
    expect(parts.length).toBeGreaterThan(0);
    expect(new Set(parts.map((part) => part.conversation_id))).toEqual(new Set([conversation]));
    expect(partsRequests() - before).toBe(1);
  });

  test("conversation_parts alone, from the Airbyte connector's digit-string substream state, stays incremental", async () => {
    const cursor =
      (lastStates(second).find((state) => state.stream.stream_descriptor.name === "conversation_parts") as Message).stream.stream_state.cursor;
    const airbyteState = [
      {
        type: "STREAM",
        stream: {
          stream_descriptor: { name: "conversation_parts" },
          stream_state: {
            state: { updated_at: String(cursor) },
            parent_state: { conversations: { updated_at: String(cursor) } },
            lookback_window: 0,
          },
        },
      },
    ];
    const before = partsRequests();
    const catalog = writeJson(dir, "catalog-parts-only.json", catalogOf(["conversation_parts"]));
    const run = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      catalog,
      "--state",
      writeJson(dir, "state-3.json", airbyteState),
    ]);
    expect(run.exitCode).toBe(0);
    // Only the conversation changed in the previous test is read again.
    expect(partsRequests() - before).toBe(1);
  });

  test("a state it cannot understand: WARN naming the key, then TRACE config_error and exit 1; full_refresh reads it whole", async () => {
    const state = writeJson(dir, "state-odd.json", { contacts: { updated_at: "1700000000", synced_through: 5 } });
    const run = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      writeJson(dir, "c-odd.json", catalogOf(["contacts"])),
      "--state",
      state,
    ]);
    expect(run.exitCode).toBe(1);
    for (const message of run.messages) expect(validateAirbyte(message)).toEqual([]);
    expect(run.messages[0]).toMatchObject({ type: "LOG", log: { level: "WARN" } });
    expect((run.messages[0] as Message).log.message).toContain('contacts: unknown key "synced_through"');
    expect(run.messages.at(-1)).toMatchObject({ type: "TRACE", trace: { type: "ERROR", error: { failure_type: "config_error" } } });
    expect((run.messages.at(-1) as Message).trace.error.message).toContain("full_refresh");
    expect(records(run, "contacts")).toEqual([]);

    const refresh = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      writeJson(dir, "c-odd-full.json", catalogOf(["contacts"], "full_refresh")),
      "--state",
      state,
    ]);
    expect(refresh.exitCode).toBe(0);
    expect(records(refresh, "contacts").length).toBe(fakeKeys(fake, "contacts").length);
    expect(refresh.messages.some((m: Message) => m.type === "LOG" && m.log.level === "WARN" && m.log.message.includes("reading contacts in full")))
      .toBe(true);
  });
});
