/**
 * content_receipts through the real CLI into SQLite, killed (-9) while its Content Data Export job is pending: the
 * job was recorded in the stream's state before it was polled, so the next run polls and downloads that job rather
 * than enqueue one (which would meet the workspace's one pending job: a 429 waited on for up to 30 minutes), and
 * the database then holds exactly the fake's receipts, the held job dropped with them.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { BUN, MAIN } from "../helpers/paths.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { query } from "../sinks/fixtures.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 3, now: Math.floor(Date.now() / 1000) - 3600, sizes: { contacts: 3, conversations: 1, companies: 1 } });
});
afterAll(() => fake.close());

const args = (db: string) => [
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
  "--streams",
  "content_receipts",
];
const enqueued = () => fake.stats.byRoute["POST /export/content/data"] ?? 0;
const polls = () => fake.stats.byRoute["GET /export/content/data/{id}"] ?? 0;

async function savedState(db: string): Promise<{ cursor?: number; reportJobs?: { jobId: string }[] } | undefined> {
  const rows = (await query(db, "SELECT state FROM _state")) as { state: string }[];
  return (JSON.parse(rows[0]!.state) as { streams: Record<string, { cursor?: number; reportJobs?: { jobId: string }[] }> }).streams
    .content_receipts;
}

test("killed while its job is pending, the next run polls and downloads that job instead of waiting on its 429", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "content.db");
    // Pending until told otherwise: the kill lands while the job is polled.
    fake.faults.contentExport = { pendingPolls: 1_000_000 };
    const child = Bun.spawn([BUN, MAIN, ...args(db)], { stdout: "pipe", stderr: "pipe" });
    const deadline = Date.now() + 30_000;
    // A poll means the job was recorded first.
    while (polls() < 1 && Date.now() < deadline) await Bun.sleep(20);
    child.kill(9);
    await child.exited;
    expect(enqueued()).toBe(1);
    const held = (await savedState(db))?.reportJobs ?? [];
    expect(held.map((job) => job.jobId)).toEqual(["content1"]);

    fake.faults.contentExport = { pendingPolls: 0 };
    const run = await runCli([...args(db), "--verbose"], { timeoutMs: 60_000 });
    expect({ exitCode: run.exitCode, errors: run.stderr.split("\n").filter((l) => /error|fail/i.test(l)) }).toEqual({ exitCode: 0, errors: [] });
    expect(run.stderr).toContain("re-using job content1");
    expect(enqueued()).toBe(1);
    const rows = (await query(db, "SELECT data FROM content_receipts_live")) as { data: string }[];
    const ids = rows.map(({ data }) => String((JSON.parse(data) as Record<string, unknown>).receipt_id)).sort();
    expect(ids).toEqual([...fake.workspace.records("content_receipts")].map((row) => String(row.receipt_id)).sort());
    expect(await savedState(db)).not.toHaveProperty("reportJobs");
  });
}, 120_000);
