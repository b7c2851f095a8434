/**
 * The keys deletions are found from live where the output's own state lives, so whatever keeps the output keeps
 * them (issue 21 item 5): the database alone (its state file and anything beside it gone), or the `--output`
 * run's state file alone (no file beside it). 1,200 companies: more than earlier versions kept inline.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const SIZES = { companies: 1200, contacts: 2, conversations: 1, tickets: 1, maxParts: 1 };

let fake: RunningFakeIntercom;
beforeEach(async () => {
  fake = await startFakeIntercom({ seed: 11, now: pastNow(), sizes: SIZES });
});
afterEach(() => fake.close());

function companyId(index: number): string {
  return String([...fake.workspace.records("companies")][index]!.id);
}

/** Removes everything in `dir` but `keep`: what a cache of only those files leaves. */
async function keepOnly(dir: string, ...keep: string[]): Promise<void> {
  for (const name of await readdir(dir)) if (!keep.includes(name)) await rm(join(dir, name), { force: true });
}

describe("the keys of a complete read are kept with the output's own state", () => {
  test("SQLite: with only the database kept (state file and side files removed), a deleted company gets _deleted_at", async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "intercom.db");
      const state = join(dir, "intercom-sync.state.json");
      const args = syncArgs(fake.url, state, ["--streams", "companies", "--sqlite", db]);
      expect((await runCli(args)).exitCode).toBe(0);
      // The keys sit in _seen_keys, named by digest from the _state row (rewritten with every page, so kept small).
      const row = JSON.parse(String((await sqliteQuery(db, "SELECT state FROM _state"))[0]!.state));
      expect(row.streams.companies.seen).toEqual({ count: 1200, digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(await sqliteQuery(db, "SELECT stream, digest FROM _seen_keys")).toEqual([{
        stream: "companies",
        digest: row.streams.companies.seen.digest,
      }]);

      const company = companyId(1150);
      fake.workspace.deleteRecord("companies", company);
      await keepOnly(dir, "intercom.db");
      const second = await runCli(args);
      expect(second.exitCode).toBe(0);
      expect(second.stderr).not.toContain("found again");
      const deleted = await sqliteQuery(db, "SELECT id FROM companies WHERE _deleted_at IS NOT NULL");
      expect(deleted).toEqual([{ id: company }]);
      const live = await sqliteQuery(db, "SELECT count(*) AS n FROM companies_live");
      expect(Number(live[0]!.n)).toBe(1199);
    });
  }, 60_000);

  test("--output: with only the state file kept (nothing beside it), a deleted company is a deletion line", async () => {
    await withTempDir(async (dir) => {
      const output = join(dir, "out.jsonl");
      const state = join(dir, "intercom-sync.state.json");
      const args = syncArgs(fake.url, state, ["--streams", "companies", "--output", output]);
      expect((await runCli(args)).exitCode).toBe(0);
      const saved = await readFile(state, "utf8");
      const lines = await readFile(output, "utf8");

      const company = companyId(1003);
      fake.workspace.deleteRecord("companies", company);
      // The output and its state file, as a cache keeps them; nothing else beside the state.
      await keepOnly(dir, "intercom-sync.state.json", "out.jsonl");
      expect((await readdir(dir)).sort()).toEqual(["intercom-sync.state.json", "out.jsonl"]);
      expect(await readFile(state, "utf8")).toBe(saved);

      const second = await runCli(args);
      expect(second.exitCode).toBe(0);
      expect(second.stderr).not.toContain("found again");
      const added = (await readFile(output, "utf8")).slice(lines.length).split("\n").filter((line) => line !== "");
      const deletions = added.map((line) => JSON.parse(line) as { stream: string; deleted?: { id: string } }).filter((line) => line.deleted);
      expect(deletions.map((line) => [line.stream, line.deleted!.id])).toEqual([["companies", company]]);
    });
  }, 60_000);

  test(
    "an earlier version's state file with its key list beside it is read, the list removed, and the next run needs nothing beside the state",
    async () => {
      await withTempDir(async (dir) => {
        const output = join(dir, "out.jsonl");
        const state = join(dir, "intercom-sync.state.json");
        const args = syncArgs(fake.url, state, ["--streams", "companies", "--output", output]);
        expect((await runCli(args)).exitCode).toBe(0);
        // Rewrite the state as 0.1.x wrote it: {count, digest} and the keys one a line in a side file.
        const json = JSON.parse(await readFile(state, "utf8"));
        const seen = json.streams.companies.seen as { count: number; digest: string; packed?: string };
        expect(seen.packed).toBeString();
        const ids = [...fake.workspace.records("companies")].map((record) => String(record.id)).sort();
        delete seen.packed;
        await Bun.write(state, JSON.stringify(json));
        const sideFile = `${state}.seen-companies-${seen.digest.slice(0, 16)}`;
        await Bun.write(sideFile, ids.join("\n"));

        const first = companyId(5);
        fake.workspace.deleteRecord("companies", first);
        const migrated = await runCli(args);
        expect(migrated.exitCode).toBe(0);
        expect(migrated.stderr).not.toContain("found again");
        expect(await Bun.file(sideFile).exists()).toBe(false);
        expect(JSON.parse(await readFile(state, "utf8")).streams.companies.seen.packed).toBeString();

        const second = companyId(1189);
        fake.workspace.deleteRecord("companies", second);
        const next = await runCli(args);
        expect(next.exitCode).toBe(0);
        const deleted = (await readFile(output, "utf8"))
          .split("\n")
          .filter((line) => line.includes('"deleted"'))
          .map((line) => (JSON.parse(line) as { deleted: { id: string } }).deleted.id);
        expect(deleted).toEqual([first, second]);
      });
    },
    60_000,
  );
});
