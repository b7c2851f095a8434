/**
 * Report streams through the real CLI into SQLite: opt-in by name (`--streams reports`), a kill -9 mid-job loses
 * nothing (the next run downloads the jobs the killed one left, enqueues the other windows from the last written
 * one), and the database then holds exactly the fake's rows, at most 5 jobs ever pending.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { expectedReportRows, reportJobStats } from "../../src/fake/reports/mod.ts";
import { BUN, MAIN } from "../helpers/paths.ts";
import { reportWindows } from "../../src/engine/reports/report-pass.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { query } from "../sinks/fixtures.ts";

const DAY = 86_400;
let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({
    seed: 3,
    now: Math.floor(Date.now() / 1000) - 3600,
    sizes: { contacts: 3, conversations: 2, companies: 1, tickets: 1 },
  });
});
afterAll(() => fake.close());

const args = (db: string, since: number) => [
  "sync",
  "--base-url",
  fake.url,
  "--token",
  "test-token",
  "--sqlite",
  db,
  "--state",
  `${db}.state.json`,
  "--search-lag-minutes",
  "0",
  "--since",
  new Date(since * 1000).toISOString().replace(".000Z", "Z"),
  "--streams",
  "report_tickets,report_admin_status_change",
];

test("--streams names report streams; killed mid-job, the next run loses nothing", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "out.db");
    const since = fake.workspace.now - 4 * DAY;
    // Slow jobs, so the kill lands while some are pending.
    fake.faults.reports = { jobMs: 1500 };
    const child = Bun.spawn([BUN, MAIN, ...args(db, since)], { stdout: "pipe", stderr: "pipe" });
    const deadline = Date.now() + 30_000;
    while ((reportJobStats(fake.workspace).downloads ?? 0) < 2 && Date.now() < deadline) await Bun.sleep(50);
    child.kill(9);
    await child.exited;
    expect(reportJobStats(fake.workspace).downloads).toBeGreaterThanOrEqual(2);

    fake.faults.reports = { jobMs: 0 };
    const run = await runCli(args(db, since), { timeoutMs: 60_000 });
    expect({ exitCode: run.exitCode, stderr: run.stderr.split("\n").filter((l) => /error|fail/i.test(l)) }).toEqual({ exitCode: 0, stderr: [] });
    expect(run.stderr).toContain("Intercom-Version 2.16");
    for (const dataset of ["tickets", "admin_status_change"]) {
      const held = (await query(db, `SELECT data FROM report_${dataset}_live`)) as { data: string }[];
      // From the start of the day of --since: windows are whole days.
      const expected = expectedReportRows(fake.workspace, dataset, Math.floor(since / DAY) * DAY, fake.workspace.now + 3600);
      expect(held.length).toBe(expected.length);
      const idColumn = dataset === "tickets" ? "ticket_id" : "status_changed_at";
      const ids = held.map(({ data }) => String((JSON.parse(data) as Record<string, unknown>)[idColumn])).sort();
      const key = dataset === "tickets" ? "ticket.ticket_id" : "admin_status_change.status_changed_at";
      expect(ids).toEqual(expected.map((row) => String(row[key])).sort());
    }
    expect(reportJobStats(fake.workspace).maxPendingSeen).toBeLessThanOrEqual(5);
  });
}, 120_000);

test("killed while its jobs are pending, the next run polls and downloads those jobs instead of enqueueing them again", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "reuse.db");
    const since = fake.workspace.now - 4 * DAY;
    // Jobs pending long enough that the kill lands before any completes.
    fake.faults.reports = { jobMs: 5000 };
    // Copies: the fake's statistics are one object it keeps counting in.
    const before = { ...reportJobStats(fake.workspace) };
    const child = Bun.spawn([BUN, MAIN, ...args(db, since)], { stdout: "pipe", stderr: "pipe" });
    const deadline = Date.now() + 30_000;
    while (reportJobStats(fake.workspace).enqueued - before.enqueued < 3 && Date.now() < deadline) await Bun.sleep(20);
    await Bun.sleep(1000); // time to record the jobs it enqueued (each is held pending 5 s)
    child.kill(9);
    await child.exited;
    const killed = { ...reportJobStats(fake.workspace) };
    expect(killed.downloads).toBe(before.downloads);
    const saved = (await query(db, "SELECT state FROM _state")) as { state: string }[];
    const held = Object.values((JSON.parse(saved[0]!.state) as { streams: Record<string, { reportJobs?: { jobId: string }[] }> }).streams)
      .flatMap((stream) => stream.reportJobs ?? []);
    expect(held.length).toBeGreaterThanOrEqual(3);
    expect(held.length).toBe(killed.enqueued - before.enqueued);

    fake.faults.reports = { jobMs: 0 };
    const run = await runCli([...args(db, since), "--verbose"], { timeoutMs: 60_000 });
    expect(run.exitCode).toBe(0);
    for (const { jobId } of held) expect(run.stderr).toContain(`re-using job ${jobId}`);
    const after = reportJobStats(fake.workspace);
    // Every window exported once: the held jobs downloaded, only the other windows enqueued.
    const written = (await query(db, "SELECT state FROM _state")) as { state: string }[];
    const streams = (JSON.parse(written[0]!.state) as { streams: Record<string, { cursor: number; reportJobs?: unknown[] }> }).streams;
    const windows = ["tickets", "admin_status_change"].reduce((sum, dataset) => {
      const progress = streams[`report_${dataset}`]!;
      expect(progress.reportJobs).toBeUndefined();
      return sum + reportWindows(Math.floor(since / DAY) * DAY, progress.cursor, 1).length;
    }, 0);
    expect(after.enqueued - killed.enqueued).toBe(windows - held.length);
    expect(after.downloads - killed.downloads).toBe(windows);
    expect(after.maxPendingSeen).toBeLessThanOrEqual(5);
    for (const dataset of ["tickets", "admin_status_change"]) {
      const rows = (await query(db, `SELECT count(*) AS n FROM report_${dataset}_live`)) as { n: number }[];
      expect(rows[0]!.n).toBe(
        expectedReportRows(fake.workspace, dataset, Math.floor(since / DAY) * DAY, streams[`report_${dataset}`]!.cursor).length,
      );
    }
  });
}, 120_000);

test("an unknown report dataset is refused naming the ones the workspace has", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(args(join(dir, "x.db"), fake.workspace.now - DAY).map((a) => (a.startsWith("report_tickets") ? "report_imaginary" : a)));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('no reporting dataset "imaginary"');
    expect(run.stderr).toContain("conversation_sla_status_log");
  });
}, 60_000);

test("`reports` lists the workspace's datasets, what each is for, and the column each attribute becomes", async () => {
  const run = await runCli(["reports", "--base-url", fake.url, "--token", "test-token"]);
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain("report_conversation  Conversation: One row per conversation");
  expect(run.stdout).toMatch(/\n {4}people_brand +text +Brand\n/);
  expect(run.stdout).toMatch(/\n {4}first_response_time +duration +Time to first response\n/);
  expect(run.stdout).toContain("5 datasets.");
  const json = await runCli(["reports", "--json", "--base-url", fake.url, "--token", "test-token"]);
  const listed = JSON.parse(json.stdout) as { stream: string; attributes: { column: string }[] }[];
  expect(listed.map((d) => d.stream)).toEqual([
    "report_conversation",
    "report_conversation_sla_status_log",
    "report_teammate_handling_conversation",
    "report_admin_status_change",
    "report_tickets",
  ]);
}, 60_000);

test("attributes picked, window days and pending jobs set on the command line", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "picked.db");
    const since = fake.workspace.now - 4 * DAY;
    fake.faults.reports = { jobMs: 0 };
    const before = reportJobStats(fake.workspace).enqueued;
    const run = await runCli([
      ...args(db, since).map((a) => (a.startsWith("report_tickets") ? "report_tickets" : a)),
      "--report-attributes",
      "tickets=ticket_id,ticket_state",
      "--report-window-days",
      "2",
      "--report-pending-jobs",
      "1",
    ], { timeoutMs: 60_000 });
    expect(run.exitCode).toBe(0);
    const rows = (await query(db, "SELECT data FROM report_tickets_live")) as { data: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(Object.keys(JSON.parse(rows[0]!.data) as object).sort()).toEqual([
      "_job_id",
      "_row",
      "_window_end",
      "_window_start",
      "ticket_id",
      "ticket_state",
    ]);
    // Four days in windows of two (aligned to whole days from the epoch): three jobs, or two.
    expect(reportJobStats(fake.workspace).enqueued - before).toBeLessThanOrEqual(3);
    const refused = await runCli([...args(db, since), "--report-pending-jobs", "6"]);
    expect(refused.exitCode).toBe(2);
  });
}, 60_000);

test("demo --streams reports,… exports the sample workspace's datasets and shows the answers", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(["demo", "--quiet", "--sqlite", join(dir, "demo.sqlite"), "--streams", "admins,report_teammate_handling_conversation"], {
      timeoutMs: 90_000,
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/Handling time per teammate:\nteammate +teammate_raw_id +conversations +hours +avg_minutes\n\S/);
  });
}, 120_000);

test("check --streams takes report streams: one listing of the datasets, a row each", async () => {
  const all = await runCli(["check", "--base-url", fake.url, "--token", "test-token", "--streams", "reports"]);
  expect(all.exitCode).toBe(0);
  expect(all.stdout).toMatch(/report_conversation_sla_status_log +Read conversations +ok/);
  const named = await runCli(["check", "--base-url", fake.url, "--token", "test-token", "--streams", "admins,report_tickets,report_nope"]);
  expect(named.exitCode).toBe(1);
  expect(named.stdout).toMatch(/admins +Read admins +ok/);
  expect(named.stdout).toMatch(/report_tickets +Read conversations +ok/);
  expect(named.stdout).toMatch(/report_nope +Read conversations +error: no such dataset/);
}, 60_000);

test("verify --streams of only report streams is refused: Intercom has no count to compare them with", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli([
      "verify",
      "--sqlite",
      join(dir, "none.db"),
      "--streams",
      "report_tickets",
      "--base-url",
      fake.url,
      "--token",
      "test-token",
    ]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("report streams cannot be verified");
  });
}, 60_000);
