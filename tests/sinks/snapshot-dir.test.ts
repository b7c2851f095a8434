/**
 * The snapshot directory sink: records staged in SQLite, each stream's file regenerated at close and put in place
 * by one rename, so a failed regeneration leaves the previous file whole and no temporary file behind.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { readdir, readFile, stat } from "node:fs/promises";
import { SinkError } from "../../src/errors.ts";
import { createSnapshotDirSink, stagingDatabasePath } from "../../src/sinks/snapshot-dir.ts";
import { publishSnapshots } from "../../src/sinks/snapshot-publish.ts";
import { duckdbQuery, duckdbString } from "../helpers/duckdb.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";
import { readManifest } from "../../src/sinks/snapshot-manifest.ts";
import type { StreamInfo } from "../../src/sinks/types.ts";
import { companySegmentsStream, contactsStream, fixedClock, query } from "./fixtures.ts";

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

/** One run writing two streams, at `clock` (so `_synced_at` differs between runs). */
async function runBoth(dir: string, clock: () => number, contacts: Record<string, unknown>[], segments: Record<string, unknown>[]) {
  const sink = createSnapshotDirSink(dir, "csv", { clock });
  await sink.open([contactsStream, companySegmentsStream]);
  await sink.write("contacts", contacts);
  await sink.write("company_segments", segments);
  await sink.close();
}

async function fileState(path: string): Promise<{ bytes: string; mtimeMs: number }> {
  return { bytes: (await readFile(path)).toString("base64"), mtimeMs: (await stat(path)).mtimeMs };
}

const SEGMENTS = [{ company_id: "co1", id: "s1", name: "Enterprise" }];

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
  // A row changed, then the staging table gone: reading it fails.
  await query(stagingDatabasePath(dir), "UPDATE contacts SET data = json_set(data, '$.email', 'new@example.com')");
  await query(stagingDatabasePath(dir), "ALTER TABLE contacts RENAME TO gone");
  const failure = await publishSnapshots(dir, "parquet", [contactsStream]).catch((error: unknown) => error);
  expect(failure).toBeInstanceOf(SinkError);
  expect((failure as Error).message).toContain("the previous files are unchanged and the next run writes them again");
  expect(await readFile(`${dir}/contacts.parquet`)).toEqual(before);
  expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
});

test("a run that changed nothing in a stream leaves its file untouched (same bytes, same mtime); a changed stream's file is rewritten", async () => {
  const dir = tmp.file("out");
  const contacts = [{ id: "c1", updated_at: 1, email: "a@example.com" }];
  await runBoth(dir, fixedClock, contacts, SEGMENTS);
  const contactsBefore = await fileState(`${dir}/contacts.csv`);
  const segmentsBefore = await fileState(`${dir}/company_segments.csv`);
  await Bun.sleep(20);
  // Both streams read again a second later: the same records (only `_synced_at` would differ), one contact changed.
  await runBoth(dir, () => fixedClock() + 1000, [...contacts, { id: "c2", updated_at: 2 }], SEGMENTS);
  expect(await fileState(`${dir}/company_segments.csv`)).toEqual(segmentsBefore);
  expect(await fileState(`${dir}/contacts.csv`)).not.toEqual(contactsBefore);
  const contactsAfter = await fileState(`${dir}/contacts.csv`);
  await Bun.sleep(20);
  await runBoth(dir, () => fixedClock() + 2000, [...contacts, { id: "c2", updated_at: 2 }], SEGMENTS);
  expect(await fileState(`${dir}/contacts.csv`)).toEqual(contactsAfter);
  expect(await fileState(`${dir}/company_segments.csv`)).toEqual(segmentsBefore);
});

test("a deletion, or a file edited by hand, is a change: the file is written again", async () => {
  const dir = tmp.file("out");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  const sink = createSnapshotDirSink(dir, "csv", { clock: fixedClock });
  await sink.open([contactsStream, companySegmentsStream]);
  await sink.write("contacts", [], [{ key: { id: "c1" }, deletedAt: 1734537460 }]);
  await sink.close();
  expect(await readFile(`${dir}/contacts.csv`, "utf8")).toContain("2024-12-18T15:57:40.000Z");
  await Bun.write(`${dir}/company_segments.csv`, "edited");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  expect(await readFile(`${dir}/company_segments.csv`, "utf8")).toContain("Enterprise");
});

test("the files of a run are put in place together: one stream failing leaves every previous file, the manifest unchanged", async () => {
  const dir = tmp.file("out");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  const first = await readManifest(dir);
  expect(first).toMatchObject({ format: "csv", generation: 1, status: "published" });
  const contactsBefore = await readFile(`${dir}/contacts.csv`);
  // Both change, then company_segments (written after contacts) cannot be read.
  const sink = createSnapshotDirSink(dir, "csv", { clock: fixedClock });
  await sink.open([contactsStream, companySegmentsStream]);
  await sink.write("contacts", [{ id: "c2", updated_at: 2 }]);
  await sink.write("company_segments", [{ company_id: "co2", id: "s2", name: "SMB" }]);
  await query(stagingDatabasePath(dir), "ALTER TABLE company_segments RENAME TO gone");
  expect(await sink.close().catch((error: unknown) => error)).toBeInstanceOf(SinkError);
  expect(await readFile(`${dir}/contacts.csv`)).toEqual(contactsBefore);
  expect(await readManifest(dir)).toEqual(first);
  expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]);
});

test("the manifest names the generation each file was last written by, its rows, size, mtime and digests", async () => {
  const dir = tmp.file("out");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 2 }], SEGMENTS);
  const manifest = (await readManifest(dir))!;
  expect(manifest.generation).toBe(2);
  expect(manifest.status).toBe("published");
  expect(manifest.streams.contacts).toMatchObject({ file: "contacts.csv", generation: 2, rows: 1, bytes: (await stat(`${dir}/contacts.csv`)).size });
  expect(manifest.streams.company_segments).toMatchObject({ file: "company_segments.csv", generation: 1, rows: 1 });
  expect(manifest.streams.contacts!.digest).toMatch(/^[0-9a-f]{64}$/);
  expect(manifest.streams.contacts!.rowsDigest).toMatch(/^[0-9a-f]{64}$/);
  expect(manifest.streams.contacts!.modifiedAt).toBe((await stat(`${dir}/contacts.csv`)).mtimeMs);
});

test("temporary files a killed run left are removed by the next run; a live run's are left alone", async () => {
  const dir = tmp.file("out");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  // A process that has ended gives a pid no process has (until reused); pid 1 is always alive.
  const ended = Bun.spawnSync(["true"]).pid;
  await Bun.write(`${dir}/.contacts.csv.${ended}.tmp`, "half a file");
  await Bun.write(`${dir}/.company_segments.csv.1.tmp`, "another run's, still running");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([".company_segments.csv.1.tmp"]);
});

test("a stream nothing was written to since its file was made is not read again: its change counter says so", async () => {
  const dir = tmp.file("out");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  expect((await readManifest(dir))!.streams.contacts!.changes).toBeGreaterThan(0);
  // A change made behind the triggers' back (dropped, then made again): only a read of the rows would see it.
  const staging = stagingDatabasePath(dir);
  const [trigger] = await query(staging, "SELECT sql FROM sqlite_master WHERE name = '_snapshot_update_contacts'");
  await query(staging, "DROP TRIGGER _snapshot_update_contacts");
  await query(staging, "UPDATE contacts SET data = json_set(data, '$.email', 'unseen@example.com')");
  await query(staging, String(trigger!.sql));
  await runBoth(dir, fixedClock, [], []);
  expect(await readFile(`${dir}/contacts.csv`, "utf8")).not.toContain("unseen@example.com");
  // Counted writes are seen: the same change through the triggers rewrites the file.
  await query(staging, "UPDATE contacts SET data = json_set(data, '$.email', 'seen@example.com')");
  await runBoth(dir, fixedClock, [], []);
  expect(await readFile(`${dir}/contacts.csv`, "utf8")).toContain("seen@example.com");
});

test("a record read again unchanged moves no counter; a staging table without triggers is watched from the next open, counted as changed", async () => {
  const dir = tmp.file("out");
  await runBoth(dir, fixedClock, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  const before = (await readManifest(dir))!.streams.contacts!.changes;
  await runBoth(dir, () => fixedClock() + 1000, [{ id: "c1", updated_at: 1 }], SEGMENTS);
  expect((await readManifest(dir))!.streams.contacts!.changes).toBe(before);
  await query(stagingDatabasePath(dir), "DROP TRIGGER _snapshot_insert_contacts");
  await runBoth(dir, fixedClock, [], []);
  expect((await readManifest(dir))!.streams.contacts!.changes).toBe(before! + 1);
});
