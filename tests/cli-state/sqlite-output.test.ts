/** `sync --sqlite`: a database whose tables are exactly the fake workspace, kept in place by later runs. */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { chmod, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { handOver } from "../helpers/unprivileged.ts";
import {
  catchUp,
  DEFAULT_STREAM_NAMES,
  fakeKeys,
  pastNow,
  readState,
  settle,
  SMALL_SIZES,
  sqliteKeys,
  sqliteQuery,
  type StateFile,
  syncArgs,
} from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 21, now: pastNow(), sizes: SMALL_SIZES });
});
afterAll(() => fake.close());

const NO_LAG = ["--search-lag-minutes", "0"];

function sqliteSync(dir: string, extra: readonly string[] = []): string[] {
  return syncArgs(fake.url, join(dir, "state.json"), ["--sqlite", join(dir, "out.sqlite"), ...NO_LAG, ...extra]);
}

async function countsOf(db: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const stream of DEFAULT_STREAM_NAMES) {
    counts[stream] = Number((await sqliteQuery(db, `SELECT count(*) AS n FROM "${stream}"`))[0]!.n);
  }
  return counts;
}

function cursorsOf(state: StateFile): Record<string, unknown> {
  return Object.fromEntries(Object.entries(state.streams).map(([name, stream]) => [name, { cursor: stream.cursor, windows: stream.windows }]));
}

test("a full sync's tables hold exactly the fake's records; a run after updates rewrites those rows in place", async () => {
  await withTempDir(async (dir) => {
    const db = join(dir, "out.sqlite");
    const first = await runCli(sqliteSync(dir));
    expect({ exitCode: first.exitCode, stderr: first.stderr }).toEqual({ exitCode: 0, stderr: "" });
    expect(await sqliteKeys(db)).toEqual(fakeKeys(fake));
    const countsBefore = await countsOf(db);

    catchUp(fake);
    const contact = String([...fake.workspace.records("contacts")][3]!.id);
    const ticket = String([...fake.workspace.records("tickets")][2]!.id);
    const conversation = String([...fake.workspace.records("conversations")][1]!.id);
    fake.workspace.updateContact(contact);
    fake.workspace.updateTicket(ticket);
    fake.workspace.addConversationPart(conversation);
    await settle();

    const second = await runCli(sqliteSync(dir));
    expect({ exitCode: second.exitCode, stderr: second.stderr }).toEqual({ exitCode: 0, stderr: "" });
    // Keys with duplicates kept: an update appended as a second row would show up here.
    expect(await sqliteKeys(db)).toEqual(fakeKeys(fake));
    expect(await countsOf(db)).toEqual({ ...countsBefore, conversation_parts: countsBefore.conversation_parts! + 1 });
    const now = fake.workspace.now;
    expect(await sqliteQuery(db, "SELECT updated_at FROM contacts WHERE id = ?", contact)).toEqual([{ updated_at: now }]);
    expect(await sqliteQuery(db, "SELECT updated_at FROM tickets WHERE id = ?", ticket)).toEqual([{ updated_at: now }]);
    expect(await sqliteQuery(db, "SELECT updated_at FROM conversations WHERE id = ?", conversation)).toEqual([{ updated_at: now }]);
    // `data` carries the same new version as the typed column.
    expect(await sqliteQuery(db, "SELECT json_extract(data, '$.updated_at') AS t FROM contacts WHERE id = ?", contact)).toEqual([{ t: now }]);

    const runs = await sqliteQuery(db, "SELECT outcome, started_at, ended_at FROM _sync_runs ORDER BY rowid");
    expect(runs.map((run) => run.outcome)).toEqual(["ok", "ok"]);
    expect(await sqliteQuery(db, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });
});

test("the same full sync under Deno (node:sqlite) writes the same tables as the fake holds", async () => {
  await withTempDir(async (dir) => {
    const run = await runCli(sqliteSync(dir), { runtime: "deno", timeoutMs: 50_000 });
    expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
    const db = join(dir, "out.sqlite");
    const expected = fakeKeys(fake);
    expect(await countsOf(db)).toEqual(Object.fromEntries(Object.entries(expected).map(([stream, keys]) => [stream, keys.length])));
    expect(await sqliteKeys(db)).toEqual(expected);
    expect(await sqliteQuery(db, "SELECT count(*) AS n FROM _sync_runs")).toEqual([{ n: 1 }]);
  });
}, 60_000);

test("a --sqlite path that is a directory fails the run with exit 2 and leaves the saved cursors where they were", async () => {
  await withTempDir(async (dir) => {
    const state = join(dir, "state.json");
    const jsonl = await runCli(syncArgs(fake.url, state, NO_LAG));
    expect(jsonl.exitCode).toBe(0);
    const before = await readState(state);
    expect(before.streams.contacts?.cursor).toBeNumber();

    catchUp(fake);
    fake.workspace.updateContact(String([...fake.workspace.records("contacts")][0]!.id));
    await settle();
    const blocked = join(dir, "blocked.sqlite");
    await mkdir(blocked);
    const run = await runCli(syncArgs(fake.url, state, ["--sqlite", blocked, ...NO_LAG]));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(blocked);
    expect(cursorsOf(await readState(state))).toEqual(cursorsOf(before));
  });
});

test(
  "a read-only database (mode 0444; run as `nobody` under root) fails the run with exit 2, its rows unchanged and the cursors not advanced",
  async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "out.sqlite");
      const state = join(dir, "state.json");
      const first = await runCli(sqliteSync(dir));
      expect(first.exitCode).toBe(0);
      const before = await readState(state);
      const contact = String([...fake.workspace.records("contacts")][5]!.id);
      const [oldRow] = await sqliteQuery(db, "SELECT updated_at FROM contacts WHERE id = ?", contact);

      catchUp(fake);
      fake.workspace.updateContact(contact);
      await settle();
      // The state file and the directory stay writable: only the database refuses.
      handOver(dir);
      await chmod(dir, 0o755);
      await chmod(db, 0o444);
      const run = await runCli(sqliteSync(dir), { unprivileged: true });
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(db);
      expect(cursorsOf(await readState(state))).toEqual(cursorsOf(before));
      expect(await sqliteQuery(db, "SELECT updated_at FROM contacts WHERE id = ?", contact)).toEqual([oldRow!]);
    });
  },
);
