/**
 * Messages about a `--parquet DIR` / `--csv DIR` directory name the user's flag and directory, never the staging
 * database inside it (`DIR/_staging.sqlite`) or a `--sqlite` the user did not give.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { sqliteSinkError } from "../../src/sinks/sqlite-error.ts";
import { pastNow, SMALL_SIZES, syncArgs } from "../helpers/cli-sync.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

let temp: TempDir;
let first: RunningFakeIntercom;
let second: RunningFakeIntercom;

beforeAll(async () => {
  temp = tempDir();
  first = await startFakeIntercom({ seed: 7, now: pastNow(), sizes: SMALL_SIZES, appId: "first" });
  second = await startFakeIntercom({ seed: 8, now: pastNow(), sizes: SMALL_SIZES, appId: "second" });
});

afterAll(async () => {
  await first.close();
  await second.close();
  temp.remove();
});

test("a --parquet directory of another workspace is refused (exit 2) naming --parquet and the directory, not _staging.sqlite", async () => {
  const dir = temp.file("pq");
  const one = await runCliInProcess(syncArgs(first.url, temp.file("one.json"), ["--streams", "admins", "--parquet", dir]));
  expect(one.exitCode).toBe(0);
  const two = await runCliInProcess(syncArgs(second.url, temp.file("two.json"), ["--streams", "admins", "--parquet", dir]));
  expect(two.exitCode).toBe(2);
  expect(two.stderr).toContain(`The directory ${dir} holds workspace first`);
  expect(two.stderr).toContain("Use a separate --parquet directory per workspace.");
  expect(two.stderr).not.toContain("_staging");
  expect(two.stderr).not.toContain("--sqlite");
});

test("verify --repair --csv on another workspace's directory names --csv and the directory", async () => {
  const dir = temp.file("csv");
  expect((await runCliInProcess(syncArgs(first.url, temp.file("three.json"), ["--streams", "contacts", "--csv", dir]))).exitCode).toBe(0);
  const run = await runCliInProcess(["verify", "--repair", "--csv", dir, "--streams", "contacts", "--base-url", second.url, "--token", "test-token"]);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(`The --csv directory ${dir} holds workspace first`);
  expect(run.stderr).not.toContain("_staging");
});

test("a locked staging database's fix names the directory's flag", () => {
  const locked = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
  const error = sqliteSinkError("pq/_staging.sqlite", "writing a page", locked, { flag: "--parquet", suggestedName: "x", noun: "directory" });
  expect(error.message).toContain("or choose another --parquet directory");
  expect(sqliteSinkError("a.db", "writing a page", locked).message).toContain("or choose another --sqlite path");
});
