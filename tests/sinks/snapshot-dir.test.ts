/**
 * The snapshot directory sink: records staged in SQLite, each stream's file regenerated at close and put in place
 * by one rename, so a failed regeneration leaves the previous file whole and no temporary file behind.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { readdir, readFile } from "node:fs/promises";
import { SinkError } from "../../src/errors.ts";
import { createSnapshotDirSink, stagingDatabasePath, writeSnapshots } from "../../src/sinks/snapshot-dir.ts";
import { duckdbQuery, duckdbString } from "../helpers/duckdb.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";
import { contactsStream, fixedClock, query } from "./fixtures.ts";

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function run(dir: string, records: Record<string, unknown>[], deletions: { key: Record<string, string>; deletedAt: number }[] = []) {
  const sink = createSnapshotDirSink(dir, "parquet", { clock: fixedClock });
  await sink.open([contactsStream]);
  await sink.write("contacts", records, deletions);
  await sink.close();
}

test("each run's file holds the staging table: one row per key, the latest version, deletions marked", async () => {
  const dir = tmp.file("out");
  await run(dir, [{ id: "c1", updated_at: 1, email: "old@example.com" }, { id: "c2", updated_at: 1 }]);
  await run(dir, [{ id: "c1", updated_at: 2, email: "new@example.com" }], [{ key: { id: "c2" }, deletedAt: 1734537460 }]);
  const rows = await duckdbQuery(`SELECT id, email, updated_at, _deleted_at FROM ${duckdbString(`${dir}/contacts.parquet`)} ORDER BY id`);
  expect(rows).toEqual([
    { id: "c1", email: "new@example.com", updated_at: 2n, _deleted_at: null },
    { id: "c2", email: null, updated_at: 1n, _deleted_at: new Date(1734537460000) },
  ]);
});

test("a regeneration that fails leaves the previous file byte for byte, no temporary file, and says so", async () => {
  const dir = tmp.file("out");
  await run(dir, [{ id: "c1", updated_at: 1 }]);
  const before = await readFile(`${dir}/contacts.parquet`);
  // The staging table gone: reading it fails after the temporary file was created.
  await query(stagingDatabasePath(dir), "ALTER TABLE contacts RENAME TO gone");
  const failure = await writeSnapshots(dir, "parquet", [contactsStream]).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(SinkError);
  expect((failure as Error).message).toContain("the previous file is unchanged and the next run writes it again");
  expect(await readFile(`${dir}/contacts.parquet`)).toEqual(before);
  expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
});
