import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { copyFileSync, statSync } from "node:fs";
import { runtime } from "../../src/runtime/mod.ts";
import type { SqliteDatabase, WalCheckpoint, WalCheckpointThread } from "../../src/runtime/types.ts";
import { COMMITS_BEFORE_AN_ANSWER, startWalCheckpoints } from "../../src/sinks/sqlite-checkpoints.ts";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { contactsStream, query } from "./fixtures.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

/** A thread whose checkpoints the test answers one by one. */
function scriptedThread() {
  const asked: { answer: (result: WalCheckpoint) => void; fail: (error: Error) => void }[] = [];
  let closed = false;
  const thread: WalCheckpointThread = {
    checkpoint: () => new Promise((answer, fail) => asked.push({ answer, fail })),
    close: async () => {
      closed = true;
    },
  };
  return { thread, asked, closed: () => closed };
}

function recordingConnection(): SqliteDatabase & { executed: string[] } {
  const executed: string[] = [];
  return {
    executed,
    exec: (sql) => void executed.push(sql),
    prepare: () => {
      throw new Error("not used");
    },
    close() {},
  };
}

/** Whether `promise` has settled once pending callbacks have run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
}

const wal = (log: number, checkpointed: number, busy = false): WalCheckpoint => ({ busy, log, checkpointed });

/** Checkpoints with a bound of 100 WAL pages whose first checkpoint answered 150: the next commit must catch up. */
async function pastTheBound() {
  const { thread, asked } = scriptedThread();
  const checkpoints = await startWalCheckpoints(recordingConnection(), "/x.db", { start: async () => thread, catchUpAbove: 100 });
  checkpoints.afterCommit();
  asked[0]!.answer(wal(150, 120));
  await settled(Promise.resolve());
  return { checkpoints, asked };
}

describe("WAL checkpoints on a thread: when commits wait", () => {
  test("SQLite's own checkpoints are turned off; one checkpoint at a time; a small WAL never holds a commit", async () => {
    const conn = recordingConnection();
    const { thread, asked } = scriptedThread();
    const checkpoints = await startWalCheckpoints(conn, "/x.db", { start: async () => thread, catchUpAbove: 100 });
    expect(checkpoints.threaded).toBe(true);
    expect(conn.executed).toEqual(["PRAGMA wal_autocheckpoint = 0"]);
    checkpoints.afterCommit();
    checkpoints.afterCommit();
    expect(asked.length).toBe(1);
    expect(await settled(checkpoints.beforeCommit())).toBe(true);
    asked[0]!.answer(wal(60, 40));
    await settled(Promise.resolve());
    expect(await settled(checkpoints.beforeCommit())).toBe(true);
    checkpoints.afterCommit();
    expect(asked.length).toBe(2);
  });

  test("past the bound, commits wait for a checkpoint that copies the whole WAL, then go on without waiting", async () => {
    const { checkpoints, asked } = await pastTheBound();
    const first = checkpoints.beforeCommit();
    const second = checkpoints.beforeCommit();
    expect(await settled(first)).toBe(false);
    expect(await settled(second)).toBe(false);
    expect(asked.length).toBe(2); // the catch-up
    checkpoints.afterCommit(); // no second checkpoint beside the catch-up
    expect(asked.length).toBe(2);
    asked[1]!.answer(wal(150, 150));
    expect(await settled(first)).toBe(true);
    expect(await settled(second)).toBe(true);
    expect(await settled(checkpoints.beforeCommit())).toBe(true);
  });

  test("a catch-up another reader keeps from finishing raises the bound, so commits do not wait at every page", async () => {
    const { checkpoints, asked } = await pastTheBound();
    const held = checkpoints.beforeCommit();
    await settled(Promise.resolve());
    asked[1]!.answer(wal(150, 90)); // a reader's snapshot stops the copy at frame 90
    expect(await settled(held)).toBe(true);
    checkpoints.afterCommit();
    asked[2]!.answer(wal(200, 90));
    await settled(Promise.resolve());
    expect(await settled(checkpoints.beforeCommit())).toBe(true); // 200 is within 150 + 100
    checkpoints.afterCommit();
    asked[3]!.answer(wal(260, 260));
    await settled(Promise.resolve());
    expect(await settled(checkpoints.beforeCommit())).toBe(false); // past 250: waits again
  });

  test("a failed checkpoint hands checkpointing back to SQLite, and nothing waits on the thread again", async () => {
    const conn = recordingConnection();
    const { thread, asked } = scriptedThread();
    const checkpoints = await startWalCheckpoints(conn, "/x.db", { start: async () => thread, catchUpAbove: 100 });
    checkpoints.afterCommit();
    asked[0]!.fail(new Error("disk I/O error"));
    await settled(Promise.resolve());
    expect(conn.executed).toEqual(["PRAGMA wal_autocheckpoint = 0", "PRAGMA wal_autocheckpoint = 1000"]);
    checkpoints.afterCommit();
    expect(asked.length).toBe(1);
    expect(await settled(checkpoints.beforeCommit())).toBe(true);
  });

  test("a thread that cannot start, or a database no other connection can open, leaves SQLite's default alone", async () => {
    for (const path of ["/x.db", ":memory:", ""]) {
      const conn = recordingConnection();
      const start = path === "/x.db" ? () => Promise.reject(new Error("no Worker here")) : () => Promise.resolve(scriptedThread().thread);
      const checkpoints = await startWalCheckpoints(conn, path, { start });
      expect(checkpoints.threaded).toBe(false);
      expect(conn.executed).toEqual([]);
      await checkpoints.close();
    }
  });

  test("a writer that never yields (pages back to back) still waits, every so many commits, for the checkpoint's answer", async () => {
    const { thread, asked } = scriptedThread();
    const checkpoints = await startWalCheckpoints(recordingConnection(), "/x.db", { start: async () => thread, catchUpAbove: 100 });
    for (let commit = 0; commit < COMMITS_BEFORE_AN_ANSWER; commit++) {
      expect(await settled(checkpoints.beforeCommit())).toBe(true);
      checkpoints.afterCommit();
    }
    const waiting = checkpoints.beforeCommit();
    expect(await settled(waiting)).toBe(false);
    asked[0]!.answer(wal(20, 20));
    expect(await settled(waiting)).toBe(true);
  });

  test("close waits for the running checkpoint before closing the thread's connection", async () => {
    const { thread, asked, closed } = scriptedThread();
    const checkpoints = await startWalCheckpoints(recordingConnection(), "/x.db", { start: async () => thread });
    checkpoints.afterCommit();
    const closing = checkpoints.close();
    expect(await settled(closing)).toBe(false);
    expect(closed()).toBe(false);
    asked[0]!.answer(wal(10, 10));
    await closing;
    expect(closed()).toBe(true);
  });
});

describe("WAL checkpoints on a thread: the SQLite sink", () => {
  let tmp: TempDir;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.remove());

  const filler = "x".repeat(3000);
  const page = (n: number) => Array.from({ length: 20 }, (_, i) => ({ id: `c${n * 20 + i}`, updated_at: 1_700_000_000 + n, email: filler }));
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };

  test("the thread copies the WAL into the database while pages are written, and the WAL stays near its bound", async () => {
    const path = tmp.file("threaded.db");
    // Pages back to back, as a tight loop hands them over: the answers are read every 8 commits.
    const walCheckpoints = (conn: SqliteDatabase, at: string) => startWalCheckpoints(conn, at, { catchUpAbove: 32, commitsBeforeAnAnswer: 8 });
    const sink = createSqliteSink(path, { walCheckpoints });
    await sink.open([contactsStream]);
    const pages = 300; // about 18 MB of rows; each commit adds about 13 WAL pages (200 KiB)
    let largestWal = 0;
    for (let n = 0; n < pages; n++) {
      await sink.commit!({ pass: "contacts", pages: [{ stream: "contacts", records: page(n) }] });
      largestWal = Math.max(largestWal, size(`${path}-wal`));
    }
    const databaseDuringRun = size(path);
    await sink.close();
    // SQLite's own checkpoints are off on the writing connection: only the thread can have filled the file.
    expect(databaseDuringRun).toBeGreaterThan(12_000_000);
    expect(largestWal).toBeLessThan(8_000_000);
    expect(size(`${path}-wal`)).toBe(0); // both connections closed at once: the last one copied and removed it
    expect(await query(path, "SELECT count(*) AS n, count(DISTINCT id) AS ids FROM contacts")).toEqual([{ n: pages * 20, ids: pages * 20 }]);
    expect(await query(path, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  });

  test("after close the database is one file, with a checkpoint thread or without: no -wal holds the newest pages", async () => {
    const threadless = (conn: SqliteDatabase, at: string) => startWalCheckpoints(conn, at, { start: () => Promise.reject(new Error("none")) });
    for (const walCheckpoints of [undefined, threadless]) {
      const path = tmp.file(walCheckpoints ? "threadless.db" : "default.db");
      const sink = createSqliteSink(path, walCheckpoints ? { walCheckpoints } : {});
      await sink.open([contactsStream]);
      for (let n = 0; n < 20; n++) await sink.commit!({ pass: "contacts", pages: [{ stream: "contacts", records: page(n) }] });
      await sink.close();
      expect(size(`${path}-wal`)).toBe(0);
      // The file alone holds everything: copied elsewhere without its -wal, it still has every row.
      const copy = tmp.file(`copy-of-${walCheckpoints ? "threadless" : "default"}.db`);
      copyFileSync(path, copy);
      expect(await query(copy, "SELECT count(*) AS n FROM contacts")).toEqual([{ n: 400 }]);
    }
  });

  test("another process reading an old snapshot keeps the WAL from being copied whole: pages still commit, none waits for it", async () => {
    const path = tmp.file("reader.db");
    const sink = createSqliteSink(path, { walCheckpoints: (conn, at) => startWalCheckpoints(conn, at, { catchUpAbove: 16 }) });
    await sink.open([contactsStream]);
    await sink.commit!({ pass: "contacts", pages: [{ stream: "contacts", records: page(0) }] });
    const reader = await runtime.openSqlite(path);
    reader.exec("BEGIN");
    expect(reader.prepare("SELECT count(*) AS n FROM contacts").get()).toEqual({ n: 20 });
    for (let n = 1; n < 150; n++) await sink.commit!({ pass: "contacts", pages: [{ stream: "contacts", records: page(n) }] });
    expect(reader.prepare("SELECT count(*) AS n FROM contacts").get()).toEqual({ n: 20 }); // still its snapshot
    reader.exec("COMMIT");
    reader.close();
    await sink.close();
    expect(await query(path, "SELECT count(*) AS n FROM contacts")).toEqual([{ n: 150 * 20 }]);
    expect(await query(path, "PRAGMA integrity_check")).toEqual([{ integrity_check: "ok" }]);
  }, 30_000);
});
