import { afterEach, beforeEach, expect, test } from "bun:test";
import { statSync } from "node:fs";
import { runtime } from "../../src/runtime/mod.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

test("the checkpoint thread copies what another connection committed to the WAL into the database file", async () => {
  const path = tmp.file("wal.db");
  const db = await runtime.openSqlite(path);
  try {
    db.exec("PRAGMA journal_mode = WAL");
    db.exec("PRAGMA wal_autocheckpoint = 0");
    db.exec("CREATE TABLE filler (x)");
    for (let i = 0; i < 20; i++) db.exec("INSERT INTO filler VALUES (randomblob(50000))");
    const before = statSync(path).size;
    const thread = await runtime.startWalCheckpointThread(path);
    const first = await thread.checkpoint();
    expect(first.busy).toBe(false);
    expect(first.log).toBeGreaterThan(60);
    expect(first.checkpointed).toBe(first.log);
    expect(statSync(path).size).toBeGreaterThan(before + 900_000);
    // Asked again with nothing new: nothing more to copy, and the thread still answers.
    db.exec("INSERT INTO filler VALUES (1)");
    const second = await thread.checkpoint();
    expect(second.checkpointed).toBe(second.log);
    await thread.close();
    expect(db.prepare("SELECT count(*) AS n FROM filler").get()).toEqual({ n: 21 });
  } finally {
    db.close();
  }
});

test("a thread on a file that is not there fails to start, with SQLite's reason", async () => {
  await expect(runtime.startWalCheckpointThread(tmp.file("missing/none.db"))).rejects.toThrow(
    /checkpoint thread failed: .*(unable to open|no such)/i,
  );
});
