import { Database } from "bun:sqlite";
import { hostname } from "node:os";
import * as fs from "./node-fs.ts";
import * as io from "./node-io.ts";
import { startWalCheckpointThread } from "./wal-checkpoint-thread.ts";
import type { Handler, Runtime, ServeOptions, SqliteDatabase, SqlValue } from "./types.ts";

async function openSqlite(path: string): Promise<SqliteDatabase> {
  await fs.prepareSqliteFile(path);
  const db = new Database(path, { create: true, strict: true });
  return {
    exec: (sql) => void db.exec(sql),
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        run: (...params: SqlValue[]) => void statement.run(...params),
        all: (...params: SqlValue[]) => statement.all(...params) as Record<string, unknown>[],
        get: (...params: SqlValue[]) => (statement.get(...params) as Record<string, unknown> | null) ?? undefined,
      };
    },
    // true: finalize every statement and close now. Without it the connection lingers until the statements are
    // collected, so the last close never checkpoints and the newest pages stay in the -wal file beside the database.
    close: () => db.close(true),
  };
}

export const runtime: Runtime = {
  name: "bun",
  args: () => Bun.argv.slice(2),
  env: (name) => Bun.env[name],
  exit: (code) => process.exit(code),
  stdout: io.stdoutStream,
  writeStdout: io.writeStdout,
  writeStderr: io.writeStderr,
  stderrIsTerminal: io.stderrIsTerminal,
  readTextFile: fs.readTextFile,
  writeFileAtomic: fs.writeFileAtomic,
  replaceFiles: fs.replaceFiles,
  createExclusive: fs.createExclusive,
  createPrivateFile: fs.createPrivateFile,
  removeFile: fs.removeFile,
  makeDirectory: fs.makeDirectory,
  removeEmptyDirectory: fs.removeEmptyDirectory,
  renameFile: fs.renameFile,
  openAppendFile: fs.openAppendFile,
  openReadFile: fs.openReadFile,
  createTempFile: fs.createTempFile,
  stdoutIsClosed: io.stdoutIsClosed,
  fileExists: fs.fileExists,
  listDirectory: fs.listDirectory,
  absolutePath: fs.absolutePath,
  fileModifiedAt: fs.fileModifiedAt,
  touchFile: fs.touchFile,
  pid: () => process.pid,
  collectGarbage: () => Bun.gc(true),
  releaseMemory: () => Bun.gc(false),
  hostname: () => hostname(),
  isProcessAlive: fs.isProcessAlive,
  openSqlite,
  startWalCheckpointThread: (path) =>
    startWalCheckpointThread(path, { importLine: 'import { Database } from "bun:sqlite";', open: "new Database(path, { readwrite: true })" }),
  async serve(handler: Handler, options: ServeOptions = {}) {
    const server = Bun.serve({
      port: options.port ?? 0,
      hostname: options.hostname ?? "127.0.0.1",
      idleTimeout: 120,
      fetch: handler,
    });
    const port = server.port ?? 0;
    return {
      port,
      url: `http://${options.hostname ?? "127.0.0.1"}:${port}`,
      close: async () => {
        await server.stop(true);
      },
    };
  },
  onSignal: io.onSignal,
};
