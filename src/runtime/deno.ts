import { hostname } from "node:os";
import * as fs from "./node-fs.ts";
import * as io from "./node-io.ts";
import { startWalCheckpointThread } from "./wal-checkpoint-thread.ts";
import type { Handler, Runtime, ServeOptions, SqliteDatabase, SqlValue } from "./types.ts";

// The few Deno APIs used here, declared locally so `tsc` (which knows Bun's types) can check this file.
declare const Deno: {
  args: string[];
  env: { get(name: string): string | undefined };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: Handler,
  ): { addr: { port: number }; shutdown(): Promise<void> };
};

interface NodeSqliteStatement {
  run(...params: SqlValue[]): unknown;
  all(...params: SqlValue[]): Record<string, unknown>[];
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
}

async function openSqlite(path: string): Promise<SqliteDatabase> {
  await fs.prepareSqliteFile(path);
  // A computed specifier keeps Bun's bundler from trying to resolve node:sqlite for the compiled binary.
  const specifier = "node:sqlite";
  const { DatabaseSync } = (await import(specifier)) as {
    DatabaseSync: new (path: string) => {
      exec(sql: string): void;
      prepare(sql: string): NodeSqliteStatement;
      close(): void;
    };
  };
  const db = new DatabaseSync(path);
  return {
    exec: (sql) => db.exec(sql),
    prepare(sql) {
      const statement = db.prepare(sql);
      return {
        run: (...params: SqlValue[]) => void statement.run(...params),
        all: (...params: SqlValue[]) => statement.all(...params),
        get: (...params: SqlValue[]) => statement.get(...params) ?? undefined,
      };
    },
    close: () => db.close(),
  };
}

export const runtime: Runtime = {
  name: "deno",
  args: () => Deno.args,
  env: (name) => Deno.env.get(name),
  exit: (code) => Deno.exit(code),
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
  // Deno exposes no collector call without --v8-flags=--expose-gc; V8 then collects on its own schedule.
  collectGarbage: () => (globalThis as { gc?: () => void }).gc?.(),
  releaseMemory: () => {},
  hostname: () => hostname(),
  isProcessAlive: fs.isProcessAlive,
  openSqlite,
  startWalCheckpointThread: (path) =>
    startWalCheckpointThread(path, { importLine: 'import { DatabaseSync } from "node:sqlite";', open: "new DatabaseSync(path)" }),
  async serve(handler: Handler, options: ServeOptions = {}) {
    const hostname = options.hostname ?? "127.0.0.1";
    const server = Deno.serve({ port: options.port ?? 0, hostname, onListen: () => {} }, handler);
    const port = server.addr.port;
    return { port, url: `http://${hostname}:${port}`, close: () => server.shutdown() };
  },
  onSignal: io.onSignal,
};
