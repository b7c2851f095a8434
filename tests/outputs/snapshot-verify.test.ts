/**
 * `verify` and `verify --repair` on `--parquet DIR` / `--csv DIR` through the CLI (in process) against the fake: a
 * complete export verifies clean; a file changed by hand, removed, or older than its staging rows makes its stream
 * differ (exit 6) with what to run; `--repair` marks contacts deleted in Intercom in the staging database and
 * rewrites only the affected files before comparing (exit 0). And a sync that changed nothing touches no file.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { readFile, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { readManifest } from "../../src/sinks/snapshot-manifest.ts";
import type { StreamVerdict } from "../../src/verify/compare.ts";
import { duckdbQuery, duckdbString } from "../helpers/duckdb.ts";
import { pastNow, SMALL_SIZES, sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const STREAMS = ["admins", "tags", "contacts", "conversations", "conversation_parts"];
const DIFFERENCES = 6;

let fake: RunningFakeIntercom;
let temp: TempDir;

beforeAll(async () => {
  temp = tempDir();
  fake = await startFakeIntercom({ seed: 62, now: pastNow(), sizes: SMALL_SIZES });
});

afterAll(async () => {
  await fake.close();
  temp.remove();
});

async function sync(flag: "--parquet" | "--csv", dir: string): Promise<void> {
  const run = await runCliInProcess(
    syncArgs(fake.url, `${dir}.state.json`, ["--streams", STREAMS.join(","), "--search-lag-minutes", "0", flag, dir]),
  );
  expect({ exitCode: run.exitCode, stderr: run.stderr }).toEqual({ exitCode: 0, stderr: "" });
}

function verify(flag: "--parquet" | "--csv", dir: string, extra: string[] = []) {
  return runCliInProcess(["verify", flag, dir, "--streams", STREAMS.join(","), "--base-url", fake.url, "--token", "test-token", ...extra]);
}

async function verifyJson(flag: "--parquet" | "--csv", dir: string) {
  const run = await verify(flag, dir, ["--json", "--quiet"]);
  const report = JSON.parse(run.stdout) as { parquet?: string; csv?: string; streams: StreamVerdict[] };
  return { exitCode: run.exitCode, report, byStream: Object.fromEntries(report.streams.map((v) => [v.stream, v])) };
}

async function mtimes(dir: string, format: string): Promise<Record<string, number>> {
  return Object.fromEntries(await Promise.all(STREAMS.map(async (s) => [s, (await stat(join(dir, `${s}.${format}`))).mtimeMs] as const)));
}

test("a complete --parquet export verifies clean: exit 0, the report names the directory by its flag", async () => {
  const dir = temp.file("clean-parquet");
  await sync("--parquet", dir);
  const { exitCode, report, byStream } = await verifyJson("--parquet", dir);
  expect(exitCode).toBe(0);
  expect(report.parquet).toBe(dir);
  expect(byStream.contacts).toMatchObject({ comparedBy: "count", intercom: SMALL_SIZES.contacts, held: SMALL_SIZES.contacts, status: "ok" });
  expect(byStream.admins).toMatchObject({ comparedBy: "ids", status: "ok" });
  expect(byStream.contacts!.file).toBeUndefined();
});

test("a sync that changed nothing leaves every file untouched (same mtime) and the manifest's generation", async () => {
  const dir = temp.file("clean-parquet");
  const before = await mtimes(dir, "parquet");
  const generation = (await readManifest(dir))!.generation;
  await Bun.sleep(20);
  await sync("--parquet", dir);
  expect(await mtimes(dir, "parquet")).toEqual(before);
  expect((await readManifest(dir))!.generation).toBe(generation);
});

test("a file changed by hand, a file removed, a file older than its staging rows: that stream differs (exit 6) and says what to run", async () => {
  const dir = temp.file("broken-csv");
  await sync("--csv", dir);
  await writeFile(join(dir, "tags.csv"), (await readFile(join(dir, "tags.csv"), "utf8")).replace(/\r\n[^\r\n]*\r\n$/, "\r\n"));
  await rm(join(dir, "admins.csv"));
  // A row changed in the staging database after its file was written (as a run killed before publishing leaves it).
  await sqliteQuery(join(dir, "_staging.sqlite"), "UPDATE conversations SET data = json_set(data, '$.title', 'edited') WHERE rowid = 1");
  const { exitCode, byStream } = await verifyJson("--csv", dir);
  expect(exitCode).toBe(DIFFERENCES);
  const rewrite = `a sync with --csv ${dir} writes it again`;
  expect(byStream.tags).toMatchObject({
    status: "differs",
    file: `${join(dir, "tags.csv")} is not the file intercom-sync wrote (changed since); ${rewrite}`,
  });
  expect(byStream.admins).toMatchObject({ status: "differs", file: `${join(dir, "admins.csv")} is missing; ${rewrite}` });
  expect(byStream.conversations!.file).toContain("is older than the staging rows compared");
  expect(byStream.contacts).toMatchObject({ status: "ok" });
  expect(byStream.contacts!.file).toBeUndefined();
  const text = await verify("--csv", dir);
  expect(text.stdout).toContain(`tags: file: ${join(dir, "tags.csv")} is not the file intercom-sync wrote`);
  // The sync it names puts them right.
  await sync("--csv", dir);
  expect((await verifyJson("--csv", dir)).exitCode).toBe(0);
});

test("verify --repair --parquet: contacts deleted in Intercom are marked in the staging database and contacts.parquet, only the affected files rewritten; exit 0", async () => {
  const dir = temp.file("repair-parquet");
  await sync("--parquet", dir);
  const gone = [...fake.workspace.records("contacts")].slice(7, 9).map((record) => String(record.id));
  for (const id of gone) fake.workspace.deleteRecord("contacts", id);
  expect((await verify("--parquet", dir)).exitCode).toBe(DIFFERENCES);
  const before = await mtimes(dir, "parquet");
  await Bun.sleep(20);
  const repaired = await verify("--parquet", dir, ["--repair"]);
  expect(repaired.stderr).toContain("2 marked deleted, 0 written");
  expect(repaired.exitCode).toBe(0);
  const deleted = await duckdbQuery(
    `SELECT id FROM ${duckdbString(join(dir, "contacts.parquet"))} WHERE _deleted_at IS NOT NULL ORDER BY id`,
  );
  expect(deleted.map((row) => row.id)).toEqual([...gone].sort());
  const after = await mtimes(dir, "parquet");
  expect(after.contacts).not.toBe(before.contacts);
  expect({ admins: after.admins, tags: after.tags }).toEqual({ admins: before.admins, tags: before.tags });
  expect((await verify("--parquet", dir)).exitCode).toBe(0);
});

test("verify on a directory no sync wrote: exit 2 naming the flag", async () => {
  const run = await verify("--parquet", temp.file("nothing"));
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(`${temp.file("nothing")} is not a directory a --parquet sync wrote (it has no _staging.sqlite)`);
});
