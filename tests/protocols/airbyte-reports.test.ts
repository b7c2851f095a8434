/**
 * Report streams in the Airbyte protocol: discover offers the workspace's datasets as report_<dataset> streams
 * (incremental on _window_start, keyed by _window_start + _row), read exports the selected ones, and a read with
 * the STATE it emitted resumes from its cursor (re-exporting only the trailing days).
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { reportJobStats } from "../../src/fake/reports/mod.ts";
import { runCliMessages } from "../helpers/run-cli.ts";
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
  config = writeJson(dir, "config.json", { access_token: "test-token", base_url: fake.url, start_date: start });
});
afterAll(async () => {
  await fake.close();
  temp.remove();
});

test("discover offers the reporting datasets; read exports them and resumes from its STATE", async () => {
  const discovered = await runCliMessages(["airbyte", "discover", "--config", config]);
  expect(discovered.exitCode).toBe(0);
  const streams = (discovered.messages.find((m: Message) => m.type === "CATALOG") as Message).catalog.streams as Message[];
  const report = streams.find((s) => s.name === "report_tickets")!;
  expect(report).toMatchObject({
    source_defined_cursor: true,
    default_cursor_field: ["_window_start"],
    source_defined_primary_key: [["_window_start"], ["_row"]],
  });
  expect(report.supported_sync_modes).toContain("incremental");
  expect(Object.keys(report.json_schema.properties)).toEqual(
    expect.arrayContaining(["ticket_id", "ticket_created_at", "team_assigned_raw_id", "_window_start"]),
  );

  const catalog = writeJson(dir, "catalog.json", {
    streams: [{ stream: report, sync_mode: "incremental", destination_sync_mode: "append_dedup" }],
  });
  const first = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog]);
  expect(first.exitCode).toBe(0);
  const records = first.messages.filter((m: Message) => m.type === "RECORD") as Message[];
  expect(records.length).toBeGreaterThan(10);
  expect(records.every((m) => m.record.stream === "report_tickets" && typeof m.record.data.ticket_created_at === "number")).toBe(true);
  const states = first.messages.filter((m: Message) => m.type === "STATE") as Message[];
  const last = states.at(-1)!.state;
  expect(last.stream.stream_descriptor.name).toBe("report_tickets");
  expect(last.stream.stream_state.cursor).toBeGreaterThan(fake.workspace.now - 60);

  const before = reportJobStats(fake.workspace).enqueued;
  fake.workspace.now += 86_400;
  const state = writeJson(dir, "state.json", [last]);
  const second = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog, "--state", state]);
  expect(second.exitCode).toBe(0);
  expect(second.messages.some((m: Message) => m.type === "LOG" && /does not have/.test(m.log.message))).toBe(false);
  // From the cursor less the 7 re-export days, never before start_date: the same 4-5 windows plus the new day, not 2 years.
  expect(reportJobStats(fake.workspace).enqueued - before).toBeLessThanOrEqual(6);
}, 120_000);

test(
  "the config sets the report window size, the re-export days, the pending jobs and the attributes per dataset, as the CLI's config file does",
  async () => {
    const spec = await runCliMessages(["airbyte", "spec"]);
    const properties = (spec.messages.find((m: Message) => m.type === "SPEC") as Message).spec.connectionSpecification.properties;
    expect(properties.report_window_days).toMatchObject({ type: "integer", default: 1, minimum: 1, maximum: 31 });
    expect(properties.report_reexport_days).toMatchObject({ type: "integer", default: 7, minimum: 0, maximum: 90 });
    expect(properties.report_pending_jobs).toMatchObject({ type: "integer", default: 3, minimum: 1, maximum: 5 });
    expect(properties.report_attributes.type).toBe("string");

    const start = new Date((fake.workspace.now - 6 * 86_400) * 1000).toISOString().replace(".000Z", "Z");
    const configured = writeJson(dir, "report-config.json", {
      access_token: "test-token",
      base_url: fake.url,
      start_date: start,
      report_window_days: 3,
      report_reexport_days: 3,
      report_pending_jobs: 1,
      report_attributes: "tickets=ticket_id,ticket_state",
    });
    const discovered = await runCliMessages(["airbyte", "discover", "--config", configured]);
    const report = ((discovered.messages.find((m: Message) => m.type === "CATALOG") as Message).catalog.streams as Message[])
      .find((s) => s.name === "report_tickets")!;
    // Discover offers the schema the read will write: the picked attributes only.
    expect(Object.keys(report.json_schema.properties)).toContain("ticket_state");
    expect(Object.keys(report.json_schema.properties)).not.toContain("ticket_created_at");
    const catalog = writeJson(dir, "report-catalog.json", {
      streams: [{ stream: report, sync_mode: "incremental", destination_sync_mode: "append_dedup" }],
    });
    const before = { ...reportJobStats(fake.workspace) };
    const read = await runCliMessages(["airbyte", "read", "--config", configured, "--catalog", catalog]);
    expect(read.exitCode).toBe(0);
    const records = read.messages.filter((m: Message) => m.type === "RECORD") as Message[];
    expect(records.length).toBeGreaterThan(0);
    expect(Object.keys(records[0]!.record.data).sort()).toEqual(["_job_id", "_row", "_window_end", "_window_start", "ticket_id", "ticket_state"]);
    // Six days in windows of three (on the grid of three days from the epoch): three jobs at most, never two pending.
    const windows = new Set(records.map((m) => m.record.data._window_start as number));
    expect([...windows].every((w) => w % (3 * 86_400) === 0 || w === Math.min(...windows))).toBe(true);
    expect(reportJobStats(fake.workspace).enqueued - before.enqueued).toBeLessThanOrEqual(3);

    for (const [key, value] of [["report_window_days", 32], ["report_pending_jobs", 6], ["report_attributes", "tickets"]] as const) {
      const bad = writeJson(dir, "bad-config.json", { access_token: "test-token", base_url: fake.url, [key]: value });
      const check = await runCliMessages(["airbyte", "check", "--config", bad]);
      const status = (check.messages.find((m: Message) => m.type === "CONNECTION_STATUS") as Message).connectionStatus;
      expect(status.status).toBe("FAILED");
      expect(status.message).toContain(key);
    }
  },
  120_000,
);
