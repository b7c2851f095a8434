/**
 * Who copies the SQLite sink's WAL into the database file. SQLite's default does it inside a commit, on the thread
 * that commits, every 1,000 WAL pages: measured with 16 KiB pages and 150 contact-sized rows per commit, 2.2–2.6 ms
 * of that thread's wall time per commit, of which under 1 ms is CPU — the rest waits for the checkpoint's fsync.
 * Here a checkpoint thread (runtime.startWalCheckpointThread) does it after commits, and the committing thread
 * only waits when the WAL has grown past a bound: a checkpoint running beside commits cannot finish with all of
 * the WAL copied, and SQLite restarts the WAL from its start only when a write begins with all of it copied. When
 * the thread cannot start, SQLite checkpoints in-thread as before.
 *
 * Durability is SQLite's own: commits are the same transactions, and a killed run's WAL is recovered on open.
 */
import { namesSqliteFile, runtime } from "../runtime/mod.ts";
import type { SqliteDatabase, WalCheckpoint, WalCheckpointThread } from "../runtime/types.ts";

/**
 * WAL pages (128 MiB of 16 KiB pages) past which the next commit waits for a checkpoint that copies all of it.
 * Each such wait costs the commits 15–40 ms here (two fsyncs); a page of 150 contacts adds 30–50 WAL pages. 1M
 * contacts at the rate limit: 1,024 made 594–612 waits, 6.6–10.2 s in all; 8,192 made 87 waits, 2.5 s.
 */
export const WAL_PAGES_BEFORE_CATCH_UP = 8192;
/**
 * Commits after which the next waits for the running checkpoint's answer. The answer (a message) is only read
 * when the committing thread yields to its event loop; a writer that never does (pages handed over back to back)
 * would otherwise never learn the WAL's size. At 166 pages a second this is about 1.5 s, longer than a checkpoint.
 */
export const COMMITS_BEFORE_AN_ANSWER = 256;

export interface WalCheckpoints {
  /** Before a write transaction: resolves at once, unless the WAL must first be copied whole (see above). */
  beforeCommit(): Promise<void>;
  /** After a commit: start a checkpoint unless one is running. */
  afterCommit(): void;
  /** Wait for a running checkpoint and close the thread's connection (before the sink closes its own). */
  close(): Promise<void>;
  /** Whether a thread checkpoints (false: SQLite's in-thread default). */
  readonly threaded: boolean;
}

export interface WalCheckpointOptions {
  /** Starts the thread (default runtime.startWalCheckpointThread). */
  start?: (path: string) => Promise<WalCheckpointThread>;
  /** Default WAL_PAGES_BEFORE_CATCH_UP. */
  catchUpAbove?: number;
  /** Default COMMITS_BEFORE_AN_ANSWER. */
  commitsBeforeAnAnswer?: number;
}

export async function startWalCheckpoints(conn: SqliteDatabase, path: string, options: WalCheckpointOptions = {}): Promise<WalCheckpoints> {
  const start = options.start ?? runtime.startWalCheckpointThread;
  const catchUpAbove = options.catchUpAbove ?? WAL_PAGES_BEFORE_CATCH_UP;
  const commitsBeforeAnAnswer = options.commitsBeforeAnAnswer ?? COMMITS_BEFORE_AN_ANSWER;
  // A memory or temporary database is private to its connection; a URI is left to SQLite's default too.
  if (!namesSqliteFile(path)) return inThread;
  let thread: WalCheckpointThread;
  try {
    thread = await start(path);
  } catch {
    return inThread;
  }
  conn.exec("PRAGMA wal_autocheckpoint = 0");
  let running: Promise<void> | undefined;
  let catchingUp: Promise<void> | undefined;
  let walPages = 0;
  let commitsSinceAnswer = 0;
  // Raised after a catch-up that could not copy everything (another process reading an old snapshot), so commits
  // do not wait once per page while that reader stays.
  let bound = catchUpAbove;
  let broken = false;

  function stopThreading(): void {
    // The thread failed: SQLite's own checkpoints take over, so the WAL stays bounded.
    broken = true;
    conn.exec("PRAGMA wal_autocheckpoint = 1000");
  }

  function checkpoint(): Promise<WalCheckpoint | undefined> {
    return thread.checkpoint().then(
      (result) => {
        walPages = result.log;
        commitsSinceAnswer = 0;
        return result;
      },
      () => {
        stopThreading();
        return undefined;
      },
    );
  }

  async function catchUp(): Promise<void> {
    await running;
    // No commit runs while this waits, so this checkpoint can copy the whole WAL; the next commit restarts it.
    const result = await checkpoint();
    if (result === undefined) return;
    const complete = !result.busy && result.checkpointed === result.log;
    bound = complete ? catchUpAbove : result.log + catchUpAbove;
    if (complete) walPages = 0;
  }

  return {
    threaded: true,
    async beforeCommit() {
      if (broken) return;
      if (commitsSinceAnswer >= commitsBeforeAnAnswer) await running;
      if (catchingUp === undefined && walPages > bound) {
        catchingUp = catchUp().finally(() => (catchingUp = undefined));
      }
      await catchingUp;
    },
    afterCommit() {
      commitsSinceAnswer++;
      if (broken || running !== undefined || catchingUp !== undefined) return;
      running = checkpoint().then(() => {
        running = undefined;
      });
    },
    async close() {
      await running;
      await catchingUp;
      await thread.close().catch(() => {});
    },
  };
}

const inThread: WalCheckpoints = {
  threaded: false,
  beforeCommit: () => Promise.resolve(),
  afterCommit() {},
  close: () => Promise.resolve(),
};
