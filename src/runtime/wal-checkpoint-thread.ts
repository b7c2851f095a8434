/**
 * A second SQLite connection on its own thread whose only work is copying a WAL database's committed pages into
 * the database file (a PASSIVE checkpoint), so the thread that commits never waits for that copy or its fsync.
 * The worker is an inline module (a Blob URL), not a file: the compiled binary embeds no worker module, and a
 * Blob worker loads the same in Bun, in the binary and in Deno. Only the SQLite module differs per runtime.
 */
import type { WalCheckpoint, WalCheckpointThread } from "./types.ts";

/** How a runtime's worker opens the database: its import line and an expression of `path` for the connection. */
export interface WorkerSqlite {
  importLine: string;
  open: string;
}

type Reply =
  | { kind: "opened" | "closed" }
  | ({ kind: "checkpointed" } & WalCheckpoint)
  | { kind: "failed"; message: string };

function workerSource(sqlite: WorkerSqlite): string {
  return `${sqlite.importLine}
let db;
self.onmessage = (event) => {
  const message = event.data;
  try {
    if (message.kind === "open") {
      const path = message.path;
      db = ${sqlite.open};
      // Never wait for a lock: a checkpoint that cannot run now is simply tried again after a later commit.
      db.exec("PRAGMA busy_timeout = 0");
      postMessage({ kind: "opened" });
    } else if (message.kind === "checkpoint") {
      const row = db.prepare("PRAGMA wal_checkpoint(PASSIVE)").get();
      postMessage({ kind: "checkpointed", busy: row.busy === 1, log: row.log, checkpointed: row.checkpointed });
    } else if (message.kind === "close") {
      // true: Bun then finalizes the statements and closes now, not once they are collected (node:sqlite ignores it).
      db?.close(true);
      db = undefined;
      postMessage({ kind: "closed" });
    }
  } catch (error) {
    postMessage({ kind: "failed", message: String(error?.message ?? error) });
  }
};
`;
}

/** Start the thread and open `path` on it; rejects when the runtime cannot start it (the caller checkpoints in-thread). */
export async function startWalCheckpointThread(path: string, sqlite: WorkerSqlite): Promise<WalCheckpointThread> {
  const url = URL.createObjectURL(new Blob([workerSource(sqlite)], { type: "text/javascript" }));
  // smol: a small heap for a thread that holds almost nothing (Bun; other runtimes ignore it).
  const worker = new Worker(url, { type: "module", smol: true } as WorkerOptions);
  // One request at a time: each waits for the reply to the one before it.
  let waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  let broken: Error | undefined;
  worker.onmessage = (event: MessageEvent<Reply>) => {
    const pending = waiting;
    waiting = undefined;
    pending?.resolve(event.data);
  };
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault?.();
    broken = new Error(`the SQLite checkpoint thread failed: ${event.message}`);
    const pending = waiting;
    waiting = undefined;
    pending?.reject(broken);
  };
  (worker as Worker & { unref?(): void }).unref?.();
  const stop = () => {
    worker.terminate();
    URL.revokeObjectURL(url);
  };

  let queue: Promise<unknown> = Promise.resolve();
  function ask(message: { kind: string; path?: string }): Promise<Reply> {
    const asked = queue.then(() => {
      if (broken) throw broken;
      return new Promise<Reply>((resolve, reject) => {
        waiting = { resolve, reject };
        worker.postMessage(message);
      });
    });
    queue = asked.catch(() => {});
    return asked.then((reply) => {
      if (reply.kind === "failed") throw new Error(`the SQLite checkpoint thread failed: ${reply.message}`);
      return reply;
    });
  }

  try {
    await ask({ kind: "open", path });
  } catch (error) {
    stop();
    throw error;
  }
  return {
    async checkpoint() {
      const reply = await ask({ kind: "checkpoint" });
      if (reply.kind !== "checkpointed") throw new Error(`the SQLite checkpoint thread answered "${reply.kind}"`);
      return { busy: reply.busy, log: reply.log, checkpointed: reply.checkpointed };
    },
    async close() {
      try {
        await ask({ kind: "close" });
      } finally {
        stop();
      }
    },
  };
}
