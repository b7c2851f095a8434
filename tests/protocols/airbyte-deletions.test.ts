/**
 * Deletions in `airbyte read`: a RECORD of the key with `_ab_cdc_deleted_at` (and the cursor, so a destination that
 * dedupes by key and cursor keeps the deletion), declared by discover; conversations from their deletion feed,
 * companies (every run reads all) from the `seen` keys carried in the emitted STATE. (A stream only offered as
 * full_refresh, like admins, is overwritten whole by the destination: no deletion is needed there.)
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { validateAirbyte } from "../sinks/protocol-shapes.ts";
import { type MessagesResult, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { startFake, writeJson } from "./helpers.ts";

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

const catalog = (names: string[]) => ({
  streams: names.map((name) => ({
    stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
    sync_mode: "incremental",
    destination_sync_mode: "append_dedup",
  })),
});

function lastStates(run: MessagesResult): Message[] {
  const last = new Map<string, Message>();
  for (const message of run.messages.filter((m: Message) => m.type === "STATE") as Message[]) {
    last.set(message.state.stream.stream_descriptor.name, message.state);
  }
  return [...last.values()];
}

test("discover declares _ab_cdc_deleted_at on every stream", async () => {
  const run = await runCliMessages(["airbyte", "discover", "--config", config]);
  expect(run.exitCode).toBe(0);
  const streams = (run.messages.find((m: Message) => m.type === "CATALOG") as Message).catalog.streams as Message[];
  for (const stream of streams) {
    expect(stream.json_schema.properties._ab_cdc_deleted_at).toMatchObject({ type: ["null", "string"], format: "date-time" });
  }
});

test("a deleted conversation and company come back as records with _ab_cdc_deleted_at after a read from the saved state", async () => {
  const cat = writeJson(dir, "catalog.json", catalog(["companies", "conversations"]));
  const first = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", cat]);
  expect(first.exitCode).toBe(0);
  const conversation = String([...fake.workspace.records("conversations")][1]!.id);
  const company = String([...fake.workspace.records("companies")][4]!.id);
  // Deleted inside what the second read covers: the feed is read up to Intercom's clock minus the search lag
  // (5 minutes), and the first read's bound was that long before it started.
  fake.workspace.now = Math.floor(Date.now() / 1000) - 5 * 60;
  const deletedAt = fake.workspace.deleteRecord("conversations", conversation);
  fake.workspace.deleteRecord("companies", company);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const second = await runCliMessages([
    "airbyte",
    "read",
    "--config",
    config,
    "--catalog",
    cat,
    "--state",
    writeJson(dir, "state.json", lastStates(first)),
  ]);
  expect(second.exitCode).toBe(0);
  expect(second.messages.flatMap((message) => validateAirbyte(message))).toEqual([]);
  const tombstones = second.messages.filter((m: Message) => m.type === "RECORD" && m.record.data._ab_cdc_deleted_at !== undefined);
  const byStream = Object.fromEntries(tombstones.map((m: Message) => [m.record.stream, m.record.data]));
  expect(byStream.conversations).toEqual({ id: conversation, updated_at: deletedAt, _ab_cdc_deleted_at: new Date(deletedAt * 1000).toISOString() });
  expect(byStream.companies).toMatchObject({ id: company, _ab_cdc_deleted_at: expect.any(String) });
  expect(byStream.companies.updated_at).toBeGreaterThan(deletedAt); // the run's time: found missing by this read
  expect(tombstones.length).toBe(2);
});
