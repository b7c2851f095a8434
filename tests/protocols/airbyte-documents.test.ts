/**
 * Document streams in `airbyte read`: a deleted conversation's transcript is a RECORD with `_ab_cdc_deleted_at`,
 * the same tombstone as the conversation's, so a vector destination drops its chunks; discover declares the
 * stream with its key and cursor.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { validateAirbyte } from "../sinks/protocol-shapes.ts";
import { type MessagesResult as CliRun, runCliMessages as runCli } from "../helpers/run-cli.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";
import { startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
let temp: TempDir;
let dir: string;
let config: string;
beforeAll(async () => {
  fake = await startFake();
  temp = tempDir();
  dir = temp.dir;
  config = writeJson(dir, "config.json", { access_token: "test-token", base_url: fake.url, lookback_window: 0 });
});
afterAll(() => {
  temp.remove();
  return fake.close();
});

const catalog = (names: string[]) => ({
  streams: names.map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
    sync_mode: "incremental",
    destination_sync_mode: "append_dedup",
  })),
});

function lastStates(run: CliRun): Message[] {
  const last = new Map<string, Message>();
  for (const message of run.messages.filter((m: Message) => m.type === "STATE") as Message[]) {
    last.set(message.state.stream.stream_descriptor.name, message.state);
  }
  return [...last.values()];
}

test("discover declares the transcripts keyed by id, incremental on updated_at", async () => {
  const run = await runCli(["airbyte", "discover", "--config", config]);
  expect(run.exitCode).toBe(0);
  const streams = (run.messages.find((m: Message) => m.type === "CATALOG") as Message).catalog.streams as Message[];
  const transcripts = streams.find((stream) => stream.name === "conversation_transcripts")!;
  expect(transcripts.source_defined_primary_key).toEqual([["id"]]);
  expect(transcripts.json_schema.properties.markdown).toBeDefined();
  expect(transcripts.json_schema.properties._ab_cdc_deleted_at).toBeDefined();
});

test("a deleted conversation's transcript comes back as a RECORD with _ab_cdc_deleted_at, as the conversation does", async () => {
  const cat = writeJson(dir, "catalog.json", catalog(["conversations", "conversation_transcripts"]));
  const first = await runCli(["airbyte", "read", "--config", config, "--catalog", cat]);
  expect(first.exitCode).toBe(0);
  const transcripts = first.messages.filter((m: Message) => m.type === "RECORD" && m.record.stream === "conversation_transcripts");
  expect(transcripts.length).toBe([...fake.workspace.records("conversations")].length);
  const conversation = String([...fake.workspace.records("conversations")][1]!.id);
  fake.workspace.now = Math.floor(Date.now() / 1000) - 5 * 60;
  const deletedAt = fake.workspace.deleteRecord("conversations", conversation);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const second = await runCli(["airbyte", "read", "--config", config, "--catalog", cat, "--state", writeJson(dir, "state.json", lastStates(first))]);
  expect(second.exitCode).toBe(0);
  expect(second.messages.flatMap((message) => validateAirbyte(message))).toEqual([]);
  const tombstones = second.messages.filter((m: Message) => m.type === "RECORD" && m.record.data._ab_cdc_deleted_at !== undefined);
  const byStream = Object.fromEntries(tombstones.map((m: Message) => [m.record.stream, m.record.data]));
  const expected = { id: conversation, updated_at: deletedAt, _ab_cdc_deleted_at: new Date(deletedAt * 1000).toISOString() };
  expect(byStream.conversations).toEqual(expected);
  expect(byStream.conversation_transcripts).toEqual(expected);
  expect(tombstones.length).toBe(2);
});
