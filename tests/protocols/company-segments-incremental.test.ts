/**
 * company_segments under an incremental catalog (the Airbyte Intercom connector's configured catalogs ask for it
 * so): every run still reads every link, but only links new since the state are sent, removed ones come out as
 * deletions, and a state from the future sends nothing. full_refresh still sends every link.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { validateAirbyte } from "../sinks/protocol-shapes.ts";
import { type MessagesResult, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { fakeKeys, keyOf, startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
let dir: string;
let config: string;
beforeAll(async () => {
  fake = await startFake();
  dir = tempDir().dir;
  config = writeJson(dir, "config.json", { access_token: "test-token", base_url: fake.url, lookback_window: 0 });
});
afterAll(() => fake.close());

const catalog = (syncMode: string) =>
  writeJson(dir, `catalog-${syncMode}.json`, {
    streams: [
      {
        stream: { name: "company_segments", json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
        sync_mode: syncMode,
        cursor_field: ["updated_at"],
        destination_sync_mode: "append",
      },
    ],
  });
const records = (run: MessagesResult) =>
  run.messages.filter((m: Message) => m.type === "RECORD" && m.record.stream === "company_segments").map((m: Message) => m.record.data);
const lastStates = (run: MessagesResult) => {
  const last = new Map<string, Message>();
  for (const message of run.messages.filter((m: Message) => m.type === "STATE") as Message[]) {
    last.set(message.state.stream.stream_descriptor.name, message.state);
  }
  return [...last.values()];
};
let step = 0;
const read = async (syncMode: string, state?: unknown) => {
  const args = ["airbyte", "read", "--config", config, "--catalog", catalog(syncMode)];
  if (state !== undefined) args.push("--state", writeJson(dir, `state-${++step}.json`, state));
  const run = await runCliMessages(args);
  expect({ code: run.exitCode, errors: run.messages.filter((m: Message) => m.type === "TRACE" && m.trace.type === "ERROR") }).toEqual({
    code: 0,
    errors: [],
  });
  expect(run.messages.flatMap((message) => validateAirbyte(message))).toEqual([]);
  return run;
};

describe("company_segments, incremental", () => {
  let previous: MessagesResult;

  test("discover offers it incrementally", async () => {
    const run = await runCliMessages(["airbyte", "discover", "--config", config]);
    const stream = (run.messages[0] as Message).catalog.streams.find((entry: Message) => entry.name === "company_segments");
    expect(stream).toMatchObject({
      supported_sync_modes: ["full_refresh", "incremental"],
      source_defined_cursor: true,
      default_cursor_field: ["updated_at"],
    });
  });

  test("the first read sends every link, and warns about nothing read in full", async () => {
    previous = await read("incremental");
    expect(records(previous).map((record: Message) => keyOf("company_segments", record)).sort()).toEqual(fakeKeys(fake, "company_segments"));
    expect(previous.messages.filter((m: Message) => m.type === "LOG" && /read in full/.test(m.log.message))).toEqual([]);
  });

  test("a read after no change sends no record", async () => {
    previous = await read("incremental", lastStates(previous));
    expect(records(previous)).toEqual([]);
  });

  test("a link added: exactly it", async () => {
    const link = [...fake.workspace.records("company_segments")][0] as Message;
    const segments = [...fake.workspace.records("segments")] as Message[];
    const company = String(link.company_id);
    const linked = new Set(
      ([...fake.workspace.records("company_segments")] as Message[]).filter((row) => String(row.company_id) === company).map((row) => String(row.id)),
    );
    const segment = segments.find((candidate) => !linked.has(String(candidate.id)))!;
    fake.workspace.addCompanySegment(company, String(segment.id));
    previous = await read("incremental", lastStates(previous));
    expect(records(previous).map((record: Message) => [record.company_id, record.id, record._ab_cdc_deleted_at])).toEqual([[
      company,
      segment.id,
      undefined,
    ]]);
  });

  test("a link removed: one deletion record", async () => {
    const link = [...fake.workspace.records("company_segments")][3] as Message;
    fake.workspace.removeCompanySegment(String(link.company_id), String(link.id));
    previous = await read("incremental", lastStates(previous));
    const sent = records(previous) as Message[];
    expect(sent.map((record) => [record.company_id, record.id])).toEqual([[link.company_id, link.id]]);
    expect(sent[0]!._ab_cdc_deleted_at).toEqual(expect.any(String));
  });

  test("a link put back: sent again, with a cursor not below its deletion's (so a destination deduping by key and cursor keeps it)", async () => {
    const link = [...fake.workspace.records("company_segments")][5] as Message;
    fake.workspace.removeCompanySegment(String(link.company_id), String(link.id));
    previous = await read("incremental", lastStates(previous));
    const [tombstone] = records(previous) as Message[];
    expect([tombstone!.company_id, tombstone!.id, typeof tombstone!._ab_cdc_deleted_at]).toEqual([link.company_id, link.id, "string"]);
    // The deletion carries the segment's updated_at: later than the link's last record, or equal and sent after it.
    expect(tombstone!.updated_at).toBe(link.updated_at);
    fake.workspace.addCompanySegment(String(link.company_id), String(link.id));
    previous = await read("incremental", lastStates(previous));
    const [back] = records(previous) as Message[];
    expect([back!.company_id, back!.id, back!._ab_cdc_deleted_at]).toEqual([link.company_id, link.id, undefined]);
    expect(back!.updated_at).toBeGreaterThanOrEqual(tombstone!.updated_at);
  });

  test("a state far in the future (the connector's own form) sends nothing", async () => {
    const run = await read("incremental", [{
      type: "STREAM",
      stream: { stream_descriptor: { name: "company_segments" }, stream_state: { updated_at: 7626086649 } },
    }]);
    expect(records(run)).toEqual([]);
  });

  test("our own state without the last read's keys (a list too long to travel in a STATE) sends every link rather than miss a new one", async () => {
    const own = lastStates(previous).find((state) => state.stream.stream_descriptor.name === "company_segments")!;
    const { seen: _seen, ...withoutKeys } = own.stream.stream_state;
    expect(withoutKeys.lastSyncedAt).toEqual(expect.any(Number));
    const run = await read("incremental", [{ ...own, stream: { ...own.stream, stream_state: withoutKeys } }]);
    expect(records(run).map((record: Message) => keyOf("company_segments", record)).sort()).toEqual(fakeKeys(fake, "company_segments"));
  });

  test("full_refresh sends every link, whatever the state", async () => {
    const run = await read("full_refresh", lastStates(previous));
    expect(records(run).map((record: Message) => keyOf("company_segments", record)).sort()).toEqual(fakeKeys(fake, "company_segments"));
  });
});
