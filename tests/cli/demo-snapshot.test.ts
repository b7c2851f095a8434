/**
 * `demo --parquet DIR` / `demo --csv DIR`: the sample workspace exported twice into a snapshot directory (the
 * second run finds the deletions), then DuckDB and pandas lines to read it; --jsonl with a directory is refused.
 */
import { afterAll, expect, test } from "bun:test";
import { join } from "node:path";
import { duckdbQuery, duckdbString } from "../helpers/duckdb.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";

const temp = tempDir();
afterAll(() => temp.remove());

test("demo --csv DIR writes one CSV file per stream, with the conversations the second run found deleted, and says how to read them", async () => {
  const dir = temp.file("demo-csv");
  const run = await runCliInProcess(["demo", "--csv", dir, "--contacts", "40", "--streams", "admins,tags,contacts,conversations", "--quiet"]);
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
  expect(run.stdout).toContain(`Wrote ${dir}: one CSV file per stream`);
  expect(run.stdout).toContain(`FROM read_csv('${join(dir, "conversations.csv")}') WHERE _deleted_at IS NOT NULL`);
  const deleted = await duckdbQuery(
    `SELECT count(*) AS n FROM read_csv(${
      duckdbString(join(dir, "conversations.csv"))
    }, header = true, all_varchar = true) WHERE _deleted_at IS NOT NULL`,
  );
  expect(deleted).toEqual([{ n: 2n }]);
  const contacts = await duckdbQuery(`SELECT count(*) AS n FROM read_csv(${duckdbString(join(dir, "contacts.csv"))}, header = true)`);
  expect(contacts).toEqual([{ n: 40n }]);
}, 60_000);

test("demo --jsonl with --parquet is refused: exit 2 naming the flag to leave out", async () => {
  const run = await runCliInProcess(["demo", "--jsonl", "--parquet", temp.file("x")]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("--jsonl prints to stdout; leave out --parquet");
});
