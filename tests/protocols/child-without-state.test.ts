/**
 * A child stream selected without state while its parent has state (conversation_parts added to a connection that
 * already syncs conversations): the parent's search must go back to the beginning for the child, but the parent's
 * own records below its cursor were written already and are not sent again.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { fakeKeys, keyOf, startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFake();
});
afterAll(() => fake.close());

test("airbyte read: conversations from its cursor on, conversation_parts (no state) all of them", async () => {
  const dir = tempDir().dir;
  const config = writeJson(dir, "config.json", { access_token: "test-token", base_url: fake.url, lookback_window: 0 });
  const conversations = [...fake.workspace.records("conversations")] as Message[];
  const times = conversations.map((record) => record.updated_at as number).sort((a, b) => a - b);
  const cursor = times[Math.floor(times.length / 2)]!;
  const catalog = writeJson(dir, "catalog.json", {
    streams: ["conversations", "conversation_parts"].map((name) => ({
      stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
      sync_mode: "incremental",
      destination_sync_mode: "append",
    })),
  });
  const state = writeJson(dir, "state.json", [{
    type: "STREAM",
    stream: { stream_descriptor: { name: "conversations" }, stream_state: { updated_at: cursor } },
  }]);
  const run = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog, "--state", state]);
  expect(run.exitCode).toBe(0);
  const records = (stream: string) =>
    run.messages.filter((m: Message) => m.type === "RECORD" && m.record.stream === stream).map((m: Message) => m.record.data);
  const sent = records("conversations") as Message[];
  expect(sent.filter((record) => record.updated_at < cursor).map((record) => record.id)).toEqual([]);
  expect(sent.map((record) => String(record.id)).sort()).toEqual(
    conversations.filter((record) => record.updated_at >= cursor).map((record) => String(record.id)).sort(),
  );
  expect(records("conversation_parts").map((record: Message) => keyOf("conversation_parts", record)).sort()).toEqual(
    fakeKeys(fake, "conversation_parts"),
  );
});
