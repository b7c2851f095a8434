import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createSqliteSink, NEW_DATABASE_PAGE_SIZE } from "../../src/sinks/sqlite.ts";
import { runtime } from "../../src/runtime/mod.ts";
import type { StreamInfo } from "../../src/sinks/types.ts";
import { companySegmentsStream, contactsStream, FIXED_MS, fixedClock, query } from "./fixtures.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function writePages(path: string, streams: StreamInfo[], pages: [string, Record<string, unknown>[]][]) {
  const sink = createSqliteSink(path, { clock: fixedClock });
  await sink.open(streams);
  for (const [stream, records] of pages) await sink.write(stream, records);
  await sink.close();
}

describe("SQLite sink", () => {
  test("rows and keys equal what was written, with typed columns and _synced_at in unix seconds", async () => {
    const path = tmp.file("out.db");
    await writePages(path, [contactsStream], [
      ["contacts", [
        { id: "c1", updated_at: 1700000000, email: "a@example.com", has_hard_bounced: false, score: 1.5 },
        { id: "c2", updated_at: 1700000001, email: null, has_hard_bounced: true, score: null },
      ]],
    ]);
    const rows = await query(path, "SELECT id, updated_at, email, has_hard_bounced, score, _synced_at FROM contacts ORDER BY id");
    expect(rows).toEqual([
      { id: "c1", updated_at: 1700000000, email: "a@example.com", has_hard_bounced: 0, score: 1.5, _synced_at: FIXED_MS / 1000 },
      { id: "c2", updated_at: 1700000001, email: null, has_hard_bounced: 1, score: null, _synced_at: FIXED_MS / 1000 },
    ]);
    const types = await query(path, "SELECT typeof(updated_at) AS t, typeof(has_hard_bounced) AS b FROM contacts WHERE id = 'c1'");
    expect(types).toEqual([{ t: "integer", b: "integer" }]);
  });

  test("a re-write upserts in place: no duplicates, the newest version wins", async () => {
    const path = tmp.file("out.db");
    await writePages(path, [contactsStream], [
      ["contacts", [{ id: "c1", updated_at: 1, email: "old@example.com" }, { id: "c2", updated_at: 1, email: "two@example.com" }]],
    ]);
    // A second run (new sink, same file), and a duplicate within one page.
    await writePages(path, [contactsStream], [
      ["contacts", [{ id: "c1", updated_at: 2, email: "mid@example.com" }, { id: "c1", updated_at: 3, email: "new@example.com" }]],
    ]);
    const rows = await query(path, "SELECT id, updated_at, email, json_extract(data, '$.email') AS data_email FROM contacts ORDER BY id");
    expect(rows).toEqual([
      { id: "c1", updated_at: 3, email: "new@example.com", data_email: "new@example.com" },
      { id: "c2", updated_at: 1, email: "two@example.com", data_email: "two@example.com" },
    ]);
  });

  test("a composite key (company_id, id) keeps rows apart that share one part", async () => {
    const path = tmp.file("out.db");
    await writePages(path, [companySegmentsStream], [
      ["company_segments", [
        { company_id: "co1", id: "s1", name: "a" },
        { company_id: "co2", id: "s1", name: "b" },
        { company_id: "co1", id: "s2", name: "c" },
      ]],
      ["company_segments", [{ company_id: "co2", id: "s1", name: "b2" }]],
    ]);
    const rows = await query(path, "SELECT company_id, id, name FROM company_segments ORDER BY company_id, id");
    expect(rows).toEqual([
      { company_id: "co1", id: "s1", name: "a" },
      { company_id: "co1", id: "s2", name: "c" },
      { company_id: "co2", id: "s1", name: "b2" },
    ]);
    const pk = await query(path, "SELECT name FROM pragma_table_info('company_segments') WHERE pk > 0 ORDER BY pk");
    expect(pk.map((r) => r.name)).toEqual(["company_id", "id"]);
  });

  test("the data column round-trips the whole record, nested objects and arrays included, via json_extract", async () => {
    const path = tmp.file("out.db");
    const record = {
      id: "c1",
      updated_at: 5,
      location: { city: "Dublin", geo: { lat: 53.35 } },
      tags: ["vip", "beta"],
      custom_attributes: { plan: "pro", seats: 3, trial: true },
      unknown_new_field: "kept",
    };
    await writePages(path, [contactsStream], [["contacts", [record]]]);
    const [row] = await query(
      path,
      "SELECT data, json_extract(data, '$.location.city') AS city, json_extract(data, '$.tags[1]') AS tag, " +
        "json_extract(data, '$.custom_attributes.trial') AS trial, json_extract(data, '$.unknown_new_field') AS extra FROM contacts",
    );
    expect(JSON.parse(String(row?.data))).toEqual(record);
    expect(row).toMatchObject({ city: "Dublin", tag: "beta", trial: 1, extra: "kept" });
  });

  test("a record that does not match the schema is still written: objects in scalar columns become JSON text", async () => {
    const path = tmp.file("out.db");
    await writePages(path, [contactsStream], [
      ["contacts", [
        { id: "c1", updated_at: "not-a-number", email: { primary: "x@example.com" }, has_hard_bounced: "yes", score: [1, 2] },
        { id: 42, updated_at: 7 },
      ]],
    ]);
    const rows = await query(path, "SELECT id, updated_at, email, has_hard_bounced, score FROM contacts ORDER BY updated_at");
    expect(rows).toContainEqual({
      id: "c1",
      updated_at: "not-a-number",
      email: '{"primary":"x@example.com"}',
      has_hard_bounced: "yes",
      score: "[1,2]",
    });
    // A numeric id lands in the TEXT key column as text, so it still upserts against the same key later.
    expect(rows).toContainEqual({ id: "42", updated_at: 7, email: null, has_hard_bounced: null, score: null });
  });

  test("finish appends a row to _sync_runs for each run", async () => {
    const path = tmp.file("out.db");
    for (const outcome of ["ok", "partial"] as const) {
      const sink = createSqliteSink(path, { clock: fixedClock });
      await sink.open([contactsStream, companySegmentsStream]);
      await sink.write("contacts", [{ id: "c1", updated_at: 1 }]);
      await sink.finish?.({
        startedAt: 1000,
        endedAt: 2000,
        streams: [
          { name: "contacts", records: 1, outcome: "ok" },
          { name: "company_segments", records: 0, outcome: "failed", error: "403 forbidden" },
        ],
        outcome,
        toolVersion: "0.1.0",
      });
      await sink.close();
    }
    const runs = await query(path, "SELECT * FROM _sync_runs ORDER BY id");
    expect(runs).toHaveLength(2);
    expect(runs[0]).toEqual({
      id: 1,
      started_at: 1000,
      ended_at: 2000,
      streams: JSON.stringify([
        { name: "contacts", outcome: "ok" },
        { name: "company_segments", outcome: "failed", error: "403 forbidden" },
      ]),
      counts: JSON.stringify({ contacts: 1, company_segments: 0 }),
      outcome: "ok",
      tool_version: "0.1.0",
    });
    expect(runs[1]?.outcome).toBe("partial");
  });

  test("the database is in WAL mode and every stream's layout version is recorded in _meta", async () => {
    const path = tmp.file("out.db");
    await writePages(path, [contactsStream, companySegmentsStream], []);
    expect(await query(path, "PRAGMA journal_mode")).toEqual([{ journal_mode: "wal" }]);
    const meta = await query(path, "SELECT table_name, layout_version FROM _meta ORDER BY table_name");
    expect(meta).toEqual([
      { table_name: "company_segments", layout_version: 1 },
      { table_name: "contacts", layout_version: 1 },
    ]);
  });

  test("a schema that gained a scalar property gets the column added; older rows keep their data", async () => {
    const path = tmp.file("out.db");
    await writePages(path, [contactsStream], [["contacts", [{ id: "c1", updated_at: 1, phone: "+353" }]]]);
    const grown: StreamInfo = {
      ...contactsStream,
      schema: { ...contactsStream.schema, properties: { ...contactsStream.schema.properties, phone: { type: ["string", "null"] } } },
    };
    await writePages(path, [grown], [["contacts", [{ id: "c2", updated_at: 2, phone: "+44" }]]]);
    const rows = await query(path, "SELECT id, phone, json_extract(data, '$.phone') AS data_phone FROM contacts ORDER BY id");
    expect(rows).toEqual([
      { id: "c1", phone: null, data_phone: "+353" },
      { id: "c2", phone: "+44", data_phone: "+44" },
    ]);
  });

  test("identifiers that need quoting work as table and column names", async () => {
    const path = tmp.file("out.db");
    const odd: StreamInfo = {
      name: 'we"ird table',
      primaryKey: ["order"],
      schema: { properties: { order: { type: "integer" }, "select from": { type: "string" } } },
    };
    await writePages(path, [odd], [[odd.name, [{ order: 1, "select from": "x" }]]]);
    expect(await query(path, 'SELECT "order", "select from" FROM "we""ird table"')).toEqual([{ order: 1, "select from": "x" }]);
  });

  test("an empty page is a no-op and close is idempotent", async () => {
    const path = tmp.file("out.db");
    const sink = createSqliteSink(path);
    await sink.open([contactsStream]);
    await sink.write("contacts", []);
    await sink.close();
    await sink.close();
    expect(await query(path, "SELECT count(*) AS n FROM contacts")).toEqual([{ n: 0 }]);
  });

  test("a new database is made with 16 KiB pages; an existing one keeps its own page size and is written as before", async () => {
    const fresh = tmp.file("fresh.db");
    await writePages(fresh, [contactsStream], [["contacts", [{ id: "c1", updated_at: 1 }]]]);
    expect(await query(fresh, "PRAGMA page_size")).toEqual([{ page_size: NEW_DATABASE_PAGE_SIZE }]);
    expect(NEW_DATABASE_PAGE_SIZE).toBe(16_384);

    // A database an earlier release made: SQLite's default 4 KiB pages, already holding rows.
    const older = tmp.file("older.db");
    const db = await runtime.openSqlite(older);
    db.exec("PRAGMA page_size = 4096");
    db.exec("CREATE TABLE other (x)");
    db.close();
    await writePages(older, [contactsStream], [["contacts", [{ id: "c1", updated_at: 1 }]]]);
    await writePages(older, [contactsStream], [["contacts", [{ id: "c1", updated_at: 2 }, { id: "c2", updated_at: 2 }]]]);
    expect(await query(older, "PRAGMA page_size")).toEqual([{ page_size: 4096 }]);
    expect(await query(older, "SELECT id, updated_at FROM contacts ORDER BY id")).toEqual([{ id: "c1", updated_at: 2 }, { id: "c2", updated_at: 2 }]);
    expect(await query(older, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });
});
