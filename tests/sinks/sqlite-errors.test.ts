import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runtime } from "../../src/runtime/mod.ts";
import { SinkError } from "../../src/errors.ts";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { sqliteSinkError } from "../../src/sinks/sqlite-error.ts";
import { handOver, unprivileged } from "../helpers/unprivileged.ts";
import { contactsStream, query } from "./fixtures.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function createDb(path: string, records: Record<string, unknown>[] = []) {
  const sink = createSqliteSink(path);
  await sink.open([contactsStream]);
  await sink.write("contacts", records);
  await sink.close();
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a rejection");
}

describe("SQLite sink errors", () => {
  test("a database written under another layout version is refused with what to do", async () => {
    const path = tmp.file("old.db");
    await createDb(path);
    const db = await runtime.openSqlite(path);
    db.exec("UPDATE _meta SET layout_version = 0 WHERE table_name = 'contacts'");
    db.close();

    const error = await rejection(createSqliteSink(path).open([contactsStream]));
    expect(error).toBeInstanceOf(SinkError);
    expect(error.message).toContain(path);
    expect(error.message).toContain('table "contacts" has layout version 0');
    expect(error.message).toMatch(/--sqlite <other path>|delete/);
  });

  test("a newer layout version asks for an upgrade", async () => {
    const path = tmp.file("new.db");
    await createDb(path);
    const db = await runtime.openSqlite(path);
    db.exec("UPDATE _meta SET layout_version = 99");
    db.close();
    const error = await rejection(createSqliteSink(path).open([contactsStream]));
    expect(error.message).toMatch(/Upgrade intercom-sync/);
  });

  test("a table of the same name that intercom-sync did not create is left alone", async () => {
    const path = tmp.file("foreign.db");
    const db = await runtime.openSqlite(path);
    db.exec("CREATE TABLE contacts (x)");
    db.close();
    const error = await rejection(createSqliteSink(path).open([contactsStream]));
    expect(error).toBeInstanceOf(SinkError);
    expect(error.message).toContain("was not created by intercom-sync");
  });

  test("a stream whose key changed is refused instead of upserting on the wrong key", async () => {
    const path = tmp.file("rekey.db");
    await createDb(path);
    const rekeyed = { ...contactsStream, primaryKey: ["email"] };
    const error = await rejection(createSqliteSink(path).open([rekeyed]));
    expect(error).toBeInstanceOf(SinkError);
    expect(error.message).toContain("is keyed by (id)");
  });

  test("a directory given as the database path → SinkError (exit 2) naming the path and a file to use instead", async () => {
    mkdirSync(tmp.file("a-directory"));
    const error = await rejection(createSqliteSink(tmp.file("a-directory")).open([contactsStream]));
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).exitCode).toBe(2);
    expect(error.message).toContain(`${tmp.file("a-directory")} is a directory`);
    expect(error.message).toContain(`--sqlite ${tmp.file("a-directory")}/intercom.db`);
  });

  test("a database in a directory that does not exist → SinkError (exit 2) saying to create it", async () => {
    const path = tmp.file("missing/out.db");
    const error = await rejection(createSqliteSink(path).open([contactsStream]));
    expect(error).toBeInstanceOf(SinkError);
    expect((error as SinkError).exitCode).toBe(2);
    expect(error.message).toContain(`${tmp.file("missing")} does not exist; create it or pass another --sqlite`);
  });

  test("a file that is not a database → SinkError, and the file is untouched", async () => {
    const path = tmp.file("notes.txt");
    const text = "these are my notes, not a database; ".repeat(20);
    writeFileSync(path, text);
    const error = await rejection(createSqliteSink(path).open([contactsStream]));
    expect(error).toBeInstanceOf(SinkError);
    expect(error.message).toMatch(/not a SQLite database/);
    expect(await runtime.readTextFile(path)).toBe(text);
  });

  test("a read-only database file (mode 0444; opened as `nobody` under root) → SinkError on open or write, nothing written", async () => {
    const path = tmp.file("ro.db");
    await createDb(path, [{ id: "c1", updated_at: 1 }]);
    handOver(tmp.dir);
    chmodSync(tmp.dir, 0o755);
    chmodSync(path, 0o444);
    const fixture = join(import.meta.dir, "read-only-sink.fixture.ts");
    const [command, ...args] = unprivileged([process.execPath, fixture, path]);
    const run = spawnSync(command!, args, { encoding: "utf8", env: { ...process.env, HOME: "/tmp" } });
    expect(run.stderr).toBe("");
    const outcome = JSON.parse(run.stdout) as { isSinkError?: boolean; message?: string };
    expect(outcome.isSinkError).toBe(true);
    expect(outcome.message).toContain(path);
    expect(outcome.message).toMatch(/read-only/);
    expect(await query(path, "SELECT id FROM contacts")).toEqual([{ id: "c1" }]);
  });

  test("a database locked by another writer beyond the busy timeout → SinkError, and the sink recovers after", async () => {
    const path = tmp.file("locked.db");
    await createDb(path);
    const sink = createSqliteSink(path, { busyTimeoutMs: 50 });
    await sink.open([contactsStream]);

    const other = await runtime.openSqlite(path);
    other.exec("BEGIN IMMEDIATE");
    const error = await rejection(sink.write("contacts", [{ id: "c1", updated_at: 1 }]));
    expect(error).toBeInstanceOf(SinkError);
    expect(error.message).toMatch(/another process holds a lock/);
    other.exec("ROLLBACK");
    other.close();

    await sink.write("contacts", [{ id: "c1", updated_at: 1 }]);
    await sink.close();
    expect(await query(path, "SELECT count(*) AS n FROM contacts")).toEqual([{ n: 1 }]);
  });

  test("a page is atomic: a record without its key mid-page rolls the whole page back and throws", async () => {
    const path = tmp.file("atomic.db");
    const sink = createSqliteSink(path);
    await sink.open([contactsStream]);
    await sink.write("contacts", [{ id: "c0", updated_at: 0, email: "kept@example.com" }]);

    const error = await rejection(
      sink.write("contacts", [
        { id: "c0", updated_at: 9, email: "changed@example.com" },
        { id: "c1", updated_at: 1 },
        { updated_at: 2 },
        { id: "c3", updated_at: 3 },
      ]),
    );
    expect(error).toBeInstanceOf(SinkError);
    expect(error.message).toContain("record 3 of the page");
    expect(error.message).toContain('primary key field "id"');
    expect(error.message).toContain("rolled back");

    // Nothing of the failed page landed, and the sink still writes afterwards.
    expect(await query(path, "SELECT id, email FROM contacts")).toEqual([{ id: "c0", email: "kept@example.com" }]);
    await sink.write("contacts", [{ id: "c1", updated_at: 1 }]);
    await sink.close();
    expect(await query(path, "SELECT count(*) AS n FROM contacts")).toEqual([{ n: 2 }]);
  });

  test("a full disk (SQLITE_FULL from the driver) becomes a SinkError telling to free space", async () => {
    // The sink's own connection cannot be made to fill up, so produce a real driver error on another one.
    const path = tmp.file("full.db");
    const db = await runtime.openSqlite(path);
    let driverError: unknown;
    try {
      db.exec("PRAGMA max_page_count = 2; CREATE TABLE t (x)");
      const insert = db.prepare("INSERT INTO t VALUES (?)");
      for (let i = 0; i < 10; i++) insert.run("x".repeat(8000));
    } catch (error) {
      driverError = error;
    } finally {
      db.close();
    }
    const error = sqliteSinkError(path, "writing a page", driverError);
    expect(error).toBeInstanceOf(SinkError);
    expect(error.path).toBe(path);
    expect(error.cause).toBe(driverError);
    expect(error.message).toMatch(/disk is full/);
    expect(error.message).toMatch(/free disk space/i);
    expect(error.exitCode).toBe(2);
  });

  test("writing to a stream not declared in open() is a SinkError, not a silent drop", async () => {
    const sink = createSqliteSink(tmp.file("x.db"));
    await sink.open([contactsStream]);
    const error = await rejection(sink.write("tickets", [{ id: "t1" }]));
    await sink.close();
    expect(error).toBeInstanceOf(SinkError);
    expect(error.message).toContain('"tickets"');
  });
});
