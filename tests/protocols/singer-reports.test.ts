/**
 * Report streams in the Singer tap: --discover lists the workspace's datasets as report_<dataset> streams (not
 * selected by default), a catalog selecting one reads it as SCHEMA/RECORD/STATE, and the bookmark resumes it.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { reportJobStats } from "../../src/fake/reports/mod.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { reportWindows } from "../../src/engine/reports/report-pass.ts";
import { BUN, MAIN } from "../helpers/paths.ts";
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

test("killed while its jobs are pending, the tap's last STATE holds them and the next run downloads them instead of enqueueing again", async () => {
  const discovered = JSON.parse((await runCli(["singer", "--config", config, "--discover"])).stdout) as { streams: Message[] };
  const entry = discovered.streams.find((s) => s.tap_stream_id === "report_tickets")!;
  entry.metadata.find((m: Message) => m.breadcrumb.length === 0).metadata.selected = true;
  const catalog = writeJson(dir, "tickets-catalog.json", { streams: [entry] });
  fake.faults.reports = { jobMs: 5000 };
  // Copies: the fake keeps counting in one object.
  const before = { ...reportJobStats(fake.workspace) };
  const out = join(dir, "killed.out");
  const child = Bun.spawn([BUN, MAIN, "singer", "--config", config, "--catalog", catalog], { stdout: Bun.file(out), stderr: "ignore" });
  const deadline = Date.now() + 30_000;
  while (reportJobStats(fake.workspace).enqueued - before.enqueued < 3 && Date.now() < deadline) await Bun.sleep(20);
  await Bun.sleep(1000); // time to record the jobs it enqueued (each is held pending 5 s)
  child.kill(9);
  await child.exited;
  const killed = { ...reportJobStats(fake.workspace) };
  expect(killed.downloads).toBe(before.downloads);
  const states = readFileSync(out, "utf8").split("\n").filter((line) => line.includes('"type":"STATE"'));
  const state = (JSON.parse(states.at(-1)!) as Message).value;
  const held = state.bookmarks.report_tickets.reportJobs as { jobId: string }[];
  expect(held.length).toBe(killed.enqueued - before.enqueued);

  fake.faults.reports = { jobMs: 0 };
  const second = await runCliMessages(["singer", "--config", config, "--catalog", catalog, "--state", writeJson(dir, "killed-state.json", state)]);
  expect(second.exitCode).toBe(0);
  const after = reportJobStats(fake.workspace);
  const last = (second.messages.filter((m: Message) => m.type === "STATE").at(-1) as Message).value.bookmarks.report_tickets;
  expect(last.reportJobs).toBeUndefined();
  // Start date 3 days back, on whole days: 4 windows, the held ones downloaded, the others enqueued.
  const windows = reportWindows(Math.floor((fake.workspace.now - 3 * 86_400) / 86_400) * 86_400, last.cursor, 1).length;
  expect(after.downloads - killed.downloads).toBe(windows);
  expect(after.enqueued - killed.enqueued).toBe(windows - held.length);
}, 120_000);

test("the tap's config sets the report window size and the attributes per dataset, as the CLI's config file does", async () => {
  const start = new Date((fake.workspace.now - 4 * 86_400) * 1000).toISOString().replace(".000Z", "Z");
  const configured = writeJson(dir, "report-tap.json", {
    access_token: "test-token",
    base_url: fake.url,
    start_date: start,
    report_window_days: 2,
    report_attributes: { tickets: ["ticket_id", "ticket_created_at"] },
  });
  const discovered = JSON.parse((await runCli(["singer", "--config", configured, "--discover"])).stdout) as { streams: Message[] };
  const entry = discovered.streams.find((s) => s.tap_stream_id === "report_tickets")!;
  expect(Object.keys(entry.schema.properties)).toContain("ticket_created_at");
  expect(Object.keys(entry.schema.properties)).not.toContain("ticket_state");
  entry.metadata.find((m: Message) => m.breadcrumb.length === 0).metadata.selected = true;
  const catalog = writeJson(dir, "report-tap-catalog.json", { streams: [entry] });
  fake.faults.reports = { jobMs: 0 };
  const before = { ...reportJobStats(fake.workspace) };
  const run = await runCliMessages(["singer", "--config", configured, "--catalog", catalog]);
  expect(run.exitCode).toBe(0);
  const records = run.messages.filter((m: Message) => m.type === "RECORD") as Message[];
  expect(records.length).toBeGreaterThan(0);
  expect(Object.keys(records[0]!.record).sort()).toEqual(["_job_id", "_row", "_window_end", "_window_start", "ticket_created_at", "ticket_id"]);
  // Four days and a bit in windows of two: three jobs.
  expect(reportJobStats(fake.workspace).enqueued - before.enqueued).toBe(3);
  const bad = writeJson(dir, "bad-tap.json", { access_token: "test-token", base_url: fake.url, report_reexport_days: -1 });
  const refused = await runCli(["singer", "--config", bad, "--discover"]);
  expect(refused.exitCode).toBe(2);
  expect(refused.stderr).toContain("report_reexport_days");
}, 120_000);
