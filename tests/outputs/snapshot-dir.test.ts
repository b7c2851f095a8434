/**
 * `--parquet DIR` and `--csv DIR` through the CLI against the fake: after a first and an incremental run (an
 * updated contact, a new one, deleted records), DuckDB reading the Parquet files and the CSV files sees, per
 * stream, exactly the rows of a --sqlite export of the same runs: one row per key (the latest version), the same
 * records, the same rows marked `_deleted_at`; Parquet columns are typed.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeStreamName, type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { catchUp, pastNow, settle, SMALL_SIZES, sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { duckdbQuery, duckdbString } from "../helpers/duckdb.ts";
import { primaryKeyOf } from "../helpers/record-key.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const STREAMS = ["admins", "tags", "contact_attributes", "company_attributes", "companies", "contacts", "conversations", "conversation_parts"];
const OUTPUTS = [
  { name: "sqlite", flags: (dir: string) => ["--sqlite", join(dir, "out.db")] },
  { name: "parquet", flags: (dir: string) => ["--parquet", join(dir, "parquet")] },
  { name: "csv", flags: (dir: string) => ["--csv", join(dir, "csv")] },
] as const;

let fake: RunningFakeIntercom;
let temp: TempDir;
const deleted: Record<string, string> = {};
let updatedContact = "";
/** The custom columns of contacts.parquet after the first run: before `vip` was added and `city` removed. */
let firstRunCustomColumns: string[] = [];
let createdContact = "";

async function syncAll(): Promise<void> {
  for (const output of OUTPUTS) {
    const args = syncArgs(fake.url, temp.file(`${output.name}.state.json`), [
      "--streams",
      STREAMS.join(","),
      "--search-lag-minutes",
      "0",
      ...output.flags(temp.dir),
    ]);
    const run = await runCliInProcess(args);
    expect({ output: output.name, exitCode: run.exitCode, stderr: run.stderr }).toEqual({ output: output.name, exitCode: 0, stderr: "" });
  }
}

function firstId(stream: FakeStreamName, index = 0): string {
  return String([...fake.workspace.records(stream)].filter((record) => record.id !== undefined)[index]!.id);
}

function attributeId(stream: FakeStreamName, name: string): string {
  return String([...fake.workspace.records(stream)].find((record) => record.custom === true && record.name === name)!.id);
}

/** A custom attribute's column (`custom_attributes` is the record's own field, as JSON text). */
function isCustomColumn(name: string): boolean {
  return name.startsWith("custom_") && name !== "custom_attributes";
}

async function customColumns(path: string): Promise<Record<string, unknown>> {
  const described = await duckdbQuery(`DESCRIBE SELECT * FROM ${duckdbString(path)}`);
  return Object.fromEntries(described.filter((row) => isCustomColumn(String(row.column_name))).map((row) => [row.column_name, row.column_type]));
}

beforeAll(async () => {
  temp = tempDir();
  fake = await startFakeIntercom({ seed: 26, now: pastNow(), sizes: SMALL_SIZES });
  // The custom attribute vip is added between the runs (it is missing from the first), city is removed.
  const vip = attributeId("contact_attributes", "vip");
  fake.workspace.deleteRecord("contact_attributes", vip);
  await syncAll();
  firstRunCustomColumns = Object.keys(await customColumns(join(temp.dir, "parquet", "contacts.parquet"))).sort();
  catchUp(fake);
  fake.workspace.restoreRecord("contact_attributes", vip);
  fake.workspace.deleteRecord("contact_attributes", attributeId("contact_attributes", "city"));
  updatedContact = firstId("contacts", 3);
  fake.workspace.updateContact(updatedContact);
  createdContact = fake.workspace.createContact();
  deleted.admins = firstId("admins", 1);
  deleted.companies = firstId("companies", 2);
  deleted.conversations = firstId("conversations", 1);
  for (const [stream, id] of Object.entries(deleted)) fake.workspace.deleteRecord(stream as FakeStreamName, id);
  await settle();
  await syncAll();
}, 120_000);

afterAll(async () => {
  await fake.close();
  temp.remove();
});

/** One comparable line per row: key, deleted or not, the record's JSON. */
function rowLines(stream: string, rows: Record<string, unknown>[]): string[] {
  const key = primaryKeyOf(stream);
  return rows
    .map((row) =>
      `${key.map((field) => String(row[field])).join("|")} ${row._deleted_at === null || row._deleted_at === "" ? "live" : "deleted"} ${
        String(row.data)
      }`
    )
    .sort();
}

describe("--parquet and --csv after a first and an incremental run", () => {
  test("the directory holds one file per stream, its manifest and its staging database, no temporary file", async () => {
    // The staging database may keep its -wal and -shm files beside it.
    expect((await readdir(temp.file("parquet"))).filter((name) => !name.startsWith("_staging")).sort()).toEqual(
      ["_manifest.json", ...STREAMS.map((s) => `${s}.parquet`)].sort(),
    );
    expect(await readdir(temp.file("parquet"))).toContain("_staging.sqlite");
    expect((await readdir(temp.file("csv"))).filter((name) => !name.startsWith("_staging")).sort()).toEqual(
      ["_manifest.json", ...STREAMS.map((s) => `${s}.csv`)].sort(),
    );
  });

  for (const stream of STREAMS) {
    test(`${stream}: DuckDB reads the same rows from Parquet and CSV as the SQLite table holds`, async () => {
      const key = primaryKeyOf(stream).map((field) => `"${field}"`).join(", ");
      const sqlite = rowLines(stream, await sqliteQuery(temp.file("out.db"), `SELECT ${key}, data, _deleted_at FROM "${stream}"`));
      expect(sqlite.length).toBeGreaterThan(0);
      const parquet = await duckdbQuery(`SELECT ${key}, data, _deleted_at FROM ${duckdbString(join(temp.dir, "parquet", `${stream}.parquet`))}`);
      expect(rowLines(stream, parquet)).toEqual(sqlite);
      const csv = await duckdbQuery(
        `SELECT ${key}, data, coalesce(_deleted_at, '') AS _deleted_at FROM read_csv(${
          duckdbString(join(temp.dir, "csv", `${stream}.csv`))
        }, header = true, all_varchar = true)`,
      );
      expect(rowLines(stream, csv)).toEqual(sqlite);
    });
  }

  test("keys are unique, the updated contact is its latest version, the new one is there, deletions are marked", async () => {
    const contacts = duckdbString(join(temp.dir, "parquet", "contacts.parquet"));
    const [counts] = await duckdbQuery(`SELECT count(*) AS rows, count(DISTINCT id) AS ids FROM ${contacts}`);
    expect(counts!.rows).toBe(counts!.ids);
    const [updated] = await duckdbQuery(
      `SELECT data->>'$.custom_attributes.seats' AS seats, updated_at FROM ${contacts} WHERE id = '${updatedContact}'`,
    );
    const live = fake.workspace.records("contacts");
    const expected = [...live].find((record) => record.id === updatedContact)!;
    expect(updated!.seats).toBe(String((expected.custom_attributes as Record<string, unknown>).seats));
    expect(updated!.updated_at).toEqual(new Date(Number(expected.updated_at) * 1000));
    expect(await duckdbQuery(`SELECT id FROM ${contacts} WHERE id = '${createdContact}'`)).toEqual([{ id: createdContact }]);
    for (const [stream, id] of Object.entries(deleted)) {
      const rows = await duckdbQuery(`SELECT _deleted_at FROM ${duckdbString(join(temp.dir, "parquet", `${stream}.parquet`))} WHERE id = '${id}'`);
      expect({ stream, deleted: rows.length === 1 && rows[0]!._deleted_at instanceof Date }).toEqual({ stream, deleted: true });
    }
  });

  test("_deleted_at in Parquet is the staging table's, to the second", async () => {
    const staging = await sqliteQuery(
      join(temp.dir, "parquet", "_staging.sqlite"),
      `SELECT id, _deleted_at FROM companies WHERE _deleted_at IS NOT NULL`,
    );
    const parquet = await duckdbQuery(
      `SELECT id, epoch(_deleted_at)::BIGINT AS _deleted_at FROM ${
        duckdbString(join(temp.dir, "parquet", "companies.parquet"))
      } WHERE _deleted_at IS NOT NULL`,
    );
    expect(parquet.map((row) => ({ id: row.id, _deleted_at: Number(row._deleted_at) }))).toEqual(
      staging.map((row) => ({ id: row.id, _deleted_at: Number(row._deleted_at) })),
    );
    expect(parquet.length).toBe(1);
  });

  test("Parquet columns are typed: timestamps as UTC timestamps, booleans, integers, strings, objects as JSON text", async () => {
    const described = await duckdbQuery(`DESCRIBE SELECT * FROM ${duckdbString(join(temp.dir, "parquet", "contacts.parquet"))}`);
    const types = Object.fromEntries(described.map((row) => [row.column_name, row.column_type]));
    expect(types).toMatchObject({
      id: "VARCHAR",
      updated_at: "TIMESTAMP WITH TIME ZONE",
      created_at: "TIMESTAMP WITH TIME ZONE",
      has_hard_bounced: "BOOLEAN",
      owner_id: "BIGINT",
      location: "VARCHAR",
      data: "VARCHAR",
      _synced_at: "TIMESTAMP WITH TIME ZONE",
      _deleted_at: "TIMESTAMP WITH TIME ZONE",
    });
    const [row] = await duckdbQuery(
      `SELECT location FROM ${duckdbString(join(temp.dir, "parquet", "contacts.parquet"))} WHERE location IS NOT NULL LIMIT 1`,
    );
    expect(typeof JSON.parse(String(row!.location))).toBe("object");
  });
});

describe("a directory that cannot be made", () => {
  test("its parent missing: exit 2 before any record is written, naming the flag and what to do", async () => {
    const dir = join(temp.dir, "missing-parent", "parquet");
    const run = await runCliInProcess(syncArgs(fake.url, temp.file("missing.state.json"), ["--streams", "admins", "--parquet", dir]));
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(
      `Cannot create the --parquet directory ${dir}: its parent directory does not exist; create it or pass another --parquet`,
    );
  });
});

describe("the directory carries its own state", () => {
  test("state show --parquet DIR prints the cursors its staging database holds", async () => {
    const run = await runCliInProcess(["state", "show", "--parquet", temp.file("parquet"), "--state", temp.file("parquet.state.json")]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^contacts\b/m);
  });

  test("state show --csv on a directory no run wrote says the next run exports everything", async () => {
    const run = await runCliInProcess(["state", "show", "--csv", temp.file("nothing-here"), "--state", temp.file("none.state.json")]);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("holds no intercom-sync state: the next --csv run into it exports everything");
  });
});

describe("custom attributes as typed columns", () => {
  test("the first run had a column per custom attribute then listed (city, not yet vip)", () => {
    expect(firstRunCustomColumns).toEqual(["custom_city", "custom_plan", "custom_score", "custom_seats", "custom_trial_ends"]);
  });

  test("Parquet: one typed custom_<name> column per live attribute after the incremental run (vip added, city removed)", async () => {
    expect(await customColumns(join(temp.dir, "parquet", "contacts.parquet"))).toEqual({
      custom_plan: "VARCHAR",
      custom_seats: "BIGINT",
      custom_score: "DOUBLE",
      custom_vip: "BOOLEAN",
      custom_trial_ends: "TIMESTAMP WITH TIME ZONE",
    });
    expect(await customColumns(join(temp.dir, "parquet", "companies.parquet"))).toEqual({
      custom_industry: "VARCHAR",
      custom_tier: "VARCHAR",
      custom_renewal_date: "VARCHAR",
    });
  });

  test("Parquet values are the records' custom_attributes, row for row (the updated contact's latest)", async () => {
    const rows = await duckdbQuery(
      `SELECT id, custom_plan, custom_seats, custom_score, custom_vip, custom_trial_ends, data FROM ${
        duckdbString(join(temp.dir, "parquet", "contacts.parquet"))
      }`,
    );
    expect(rows.length).toBeGreaterThan(300);
    for (const row of rows) {
      const custom = (JSON.parse(String(row.data)) as { custom_attributes: Record<string, unknown> }).custom_attributes;
      expect({
        id: row.id,
        plan: row.custom_plan,
        seats: row.custom_seats,
        score: row.custom_score,
        vip: row.custom_vip,
        trial: row.custom_trial_ends,
      }).toEqual({
        id: row.id,
        plan: custom.plan ?? null,
        seats: custom.seats === undefined ? null : BigInt(custom.seats as number),
        score: custom.score ?? null,
        vip: custom.vip ?? null,
        trial: custom.trial_ends === undefined ? null : new Date((custom.trial_ends as number) * 1000),
      });
    }
    const updated = rows.find((row) => row.id === updatedContact)!;
    const live = [...fake.workspace.records("contacts")].find((record) => record.id === updatedContact)!;
    expect(updated.custom_seats).toBe(BigInt((live.custom_attributes as Record<string, number>).seats!));
  });

  test("CSV carries the same custom columns with the same values", async () => {
    const csv = await duckdbQuery(
      `SELECT id, custom_seats, custom_vip FROM read_csv(${
        duckdbString(join(temp.dir, "csv", "contacts.csv"))
      }, header = true, all_varchar = true) ORDER BY id`,
    );
    const parquet = await duckdbQuery(
      `SELECT id, custom_seats::VARCHAR AS custom_seats, custom_vip::VARCHAR AS custom_vip FROM ${
        duckdbString(join(temp.dir, "parquet", "contacts.parquet"))
      } ORDER BY id`,
    );
    expect(csv).toEqual(parquet);
    const [header] = (await readFile(join(temp.dir, "csv", "contacts.csv"), "utf8")).split("\r\n");
    expect(header!.split(",").filter(isCustomColumn).sort()).toEqual([
      "custom_plan",
      "custom_score",
      "custom_seats",
      "custom_trial_ends",
      "custom_vip",
    ]);
  });

  test("SQLite: the contacts_custom view has every column of the table plus the typed custom columns", async () => {
    const db = temp.file("out.db");
    const columns = (await sqliteQuery(db, "SELECT name FROM pragma_table_info('contacts_custom')")).map((row) => String(row.name));
    expect(columns.filter(isCustomColumn).sort()).toEqual(["custom_plan", "custom_score", "custom_seats", "custom_trial_ends", "custom_vip"]);
    const types = await sqliteQuery(
      db,
      "SELECT DISTINCT typeof(custom_plan) AS plan, typeof(custom_seats) AS seats, typeof(custom_score) AS score, typeof(custom_vip) AS vip, typeof(custom_trial_ends) AS trial FROM contacts_custom",
    );
    expect(types).toEqual([{ plan: "text", seats: "integer", score: "real", vip: "integer", trial: "integer" }]);
    const view = await sqliteQuery(db, "SELECT id, custom_seats, custom_vip FROM contacts_custom ORDER BY id");
    const parquet = await duckdbQuery(
      `SELECT id, custom_seats, custom_vip FROM ${duckdbString(join(temp.dir, "parquet", "contacts.parquet"))} ORDER BY id`,
    );
    expect(view).toEqual(parquet.map((row) => ({ id: row.id, custom_seats: Number(row.custom_seats), custom_vip: row.custom_vip ? 1 : 0 })));
  });
});
