/**
 * Issue 21's reproduction through the real CLI: Intercom's clock (the fake's Date header) runs 3 h behind this
 * machine's; a full run; then 3 conversations are deleted an hour before the next run by Intercom's clock. The
 * next run marks exactly those with `_deleted_at`, as Intercom stamped them.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const HOUR = 3600;
let fake: RunningFakeIntercom;
beforeAll(async () => {
  const intercomNow = Math.floor(Date.now() / 1000) - 3 * HOUR;
  fake = await startFakeIntercom({
    seed: 21,
    now: intercomNow,
    dateHeader: "workspace",
    sizes: { contacts: 10, conversations: 12, companies: 3, tickets: 2, activityLogs: 2, maxParts: 2 },
  });
});
afterAll(() => fake.close());

test("a machine 3 h ahead of Intercom: conversations deleted an hour before the next run get _deleted_at", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "out.db");
    const args = syncArgs(fake.url, join(dir, "state.json"), ["--sqlite", db, "--streams", "conversations"]);
    const first = await runCli(args);
    expect({ exitCode: first.exitCode, stderr: first.stderr }).toEqual({ exitCode: 0, stderr: "" });

    fake.workspace.now += HOUR;
    const ids = [...fake.workspace.records("conversations")].slice(0, 3).map((record) => String(record.id));
    const deletedAt = ids.map((id) => fake.workspace.deleteRecord("conversations", id));
    fake.workspace.now += HOUR;

    const second = await runCli(args);
    expect(second.exitCode).toBe(0);
    const marked = await sqliteQuery(db, "SELECT id, _deleted_at FROM conversations WHERE _deleted_at IS NOT NULL ORDER BY id");
    expect(marked.map((row) => [String(row.id), Number(row._deleted_at)])).toEqual(ids.map((id, i) => [id, deletedAt[i]!]).sort());
  });
});
