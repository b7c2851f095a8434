/**
 * Report streams in the Singer tap: --discover lists the workspace's datasets as report_<dataset> streams (not
 * selected by default), a catalog selecting one reads it as SCHEMA/RECORD/STATE, and the bookmark resumes it.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { reportJobStats } from "../../src/fake/reports/mod.ts";
import { runCli, runCliMessages } from "../helpers/run-cli.ts";
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
  const start = new Date((fake.workspace.now - 3 * 86_400) * 1000).toISOString().replace(".000Z", "Z");
  config = writeJson(dir, "tap.json", { access_token: "test-token", base_url: fake.url, start_date: start });
});
afterAll(async () => {
  await fake.close();
  temp.remove();
});

test("--discover lists report streams, opt-in; a selected one is read and resumes from its bookmark", async () => {
  const discovered = JSON.parse((await runCli(["singer", "--config", config, "--discover"])).stdout) as { streams: Message[] };
  const entry = discovered.streams.find((s) => s.tap_stream_id === "report_teammate_handling_conversation")!;
  expect(entry.key_properties).toEqual(["_window_start", "_row"]);
  const root = entry.metadata.find((m: Message) => m.breadcrumb.length === 0).metadata;
  expect(root).toMatchObject({
    "selected-by-default": false,
    "valid-replication-keys": ["_window_start"],
    "forced-replication-method": "INCREMENTAL",
  });

  root.selected = true;
  const catalog = writeJson(dir, "catalog.json", { streams: [entry] });
  const first = await runCliMessages(["singer", "--config", config, "--catalog", catalog]);
  expect(first.exitCode).toBe(0);
  expect(first.messages.find((m: Message) => m.type === "SCHEMA")).toMatchObject({
    stream: "report_teammate_handling_conversation",
    key_properties: ["_window_start", "_row"],
  });
  const records = first.messages.filter((m: Message) => m.type === "RECORD");
  expect(records.length).toBeGreaterThan(20);
  const state = (first.messages.filter((m: Message) => m.type === "STATE").at(-1) as Message).value;
  expect(state.bookmarks.report_teammate_handling_conversation.cursor).toBeGreaterThan(fake.workspace.now - 60);

  const before = reportJobStats(fake.workspace).enqueued;
  const statePath = writeJson(dir, "state.json", state);
  const second = await runCliMessages(["singer", "--config", config, "--catalog", catalog, "--state", statePath]);
  expect(second.exitCode).toBe(0);
  expect(reportJobStats(fake.workspace).enqueued - before).toBeLessThanOrEqual(5);
}, 120_000);
