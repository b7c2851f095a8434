/**
 * The runtime contract: everything intercom-sync needs from Bun or Deno, and nothing more.
 * The core (http, engine, streams, sinks, fake) only ever talks to this interface.
 */

export type SqlValue = string | number | bigint | null | Uint8Array;

export interface SqliteStatement {
  run(...params: SqlValue[]): void;
  all(...params: SqlValue[]): Record<string, unknown>[];
  get(...params: SqlValue[]): Record<string, unknown> | undefined;
}

export interface SqliteDatabase {
  exec(sql: string): void;
  prepare(sql: string): SqliteStatement;
  close(): void;
}

/** What one PASSIVE checkpoint did: the WAL's frames, and how many of them are now in the database file. */
export interface WalCheckpoint {
  /** Another connection held the checkpoint lock, so nothing was copied. */
  busy: boolean;
  log: number;
  checkpointed: number;
}

/** A connection on another thread that checkpoints a WAL database (see wal-checkpoint-thread.ts). */
export interface WalCheckpointThread {
  checkpoint(): Promise<WalCheckpoint>;
  /** Closes the thread's connection and ends the thread. */
  close(): Promise<void>;
}

export interface ServeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Always loopback unless a caller says otherwise. */
  hostname?: string;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:43121 */
  url: string;
  port: number;
  close(): Promise<void>;
}

export type Handler = (request: Request) => Response | Promise<Response>;

/**
 * A file written only at its end: the `--output` file and its spool. Writes are never interleaved by the
 * caller; `length` is what was appended so far (or truncated to).
 */
export interface AppendFile {
  readonly path: string;
  readonly length: number;
  /** Append every byte (retrying short writes); resolves once the OS has them (not yet on disk: see sync). */
  append(bytes: Uint8Array): Promise<void>;
  /** fsync: everything appended so far survives a crash. */
  sync(): Promise<void>;
  truncate(length: number): Promise<void>;
  /** Up to `length` bytes from `position`. */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A file opened only to read (`verify` reads an output that may be read-only, e.g. a CI artifact). */
export interface ReadFile {
  readonly length: number;
  /** Up to `length` bytes from `position`. */
  read(position: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface Runtime {
  name: "bun" | "deno";
  /** Command-line arguments after the script or binary name. */
  args(): string[];
  env(name: string): string | undefined;
  exit(code: number): never;
  /** stdout with back-pressure: writes resolve when the OS has taken the bytes. Rejects with BrokenPipeError when the reader went away. */
  stdout(): WritableStream<Uint8Array>;
  /** Text on stdout, without back-pressure (help, short answers); resolves once the OS has it, or it failed. */
  writeStdout(text: string): Promise<void>;
  writeStderr(text: string): void;
  stderrIsTerminal(): boolean;
  /** The file's text, or undefined when it does not exist. */
  readTextFile(path: string): Promise<string | undefined>;
  /**
   * Write to a temp file in the same directory, fsync it, rename over `path`, fsync the directory. A new file is
   * 0600 whatever the umask, an existing one keeps its mode; on any failure the temp file is removed.
   * File-system failures throw the system error (with its `code`, e.g. ENOSPC), for the caller to explain.
   */
  writeFileAtomic(path: string, text: string): Promise<void>;
  /**
   * Replace several files, each atomically like writeFileAtomic, with one fsync per directory rather than per file
   * (a page of documents). On failure the temp files are removed; files already renamed stay replaced.
   */
  replaceFiles(files: readonly { path: string; text: string }[]): Promise<void>;
  /** Create `path` (mode 0600) with `text` only if it does not exist; false when it already exists. */
  createExclusive(path: string, text: string): Promise<boolean>;
  /**
   * Create `path` empty with mode 0600 (whatever the umask) unless it exists; an existing file keeps its mode.
   * For files that hold customer data, before opening them to append. True when this call created it.
   */
  createPrivateFile(path: string): Promise<boolean>;
  removeFile(path: string): Promise<void>;
  /** Create the directory `path` (mode 0700) unless it exists; its parent must exist (the system error otherwise). */
  makeDirectory(path: string): Promise<void>;
  /** Remove the directory `path` only if it is empty; false when it holds anything or is already gone. */
  removeEmptyDirectory(path: string): Promise<boolean>;
  /** Replace `to` with `from` in one step (same file system): a reader sees the old file or the new, never a mix. */
  renameFile(from: string, to: string): Promise<void>;
  /** Open (creating with mode 0600 when absent) a file to append to; undefined when `create` is false and it does not exist. */
  openAppendFile(path: string, options: { create: boolean }): Promise<AppendFile | undefined>;
  /** Open a file to read; undefined when it does not exist. */
  openReadFile(path: string): Promise<ReadFile | undefined>;
  /** A new private file in the system's temporary directory, removed on close (a download spooled to disk). */
  createTempFile(): Promise<AppendFile>;
  /**
   * Whether stdout was closed when the process started (`>&-`). Bun and Deno then put /dev/null in its place, so
   * every write "succeeds"; only Linux (/proc) can tell that from a deliberate `> /dev/null`, elsewhere: false.
   */
  stdoutIsClosed(): boolean;
  fileExists(path: string): Promise<boolean>;
  /** The names in the directory `path` (not `.` and `..`); none when it does not exist. */
  listDirectory(path: string): Promise<string[]>;
  /**
   * `path` as one absolute spelling: resolved against the working directory, symbolic links and `.`/`..` followed
   * as far as they exist, so `./out.jsonl`, `out.jsonl` and `sub/../out.jsonl` name the same file and another
   * directory's `out.jsonl` another.
   */
  absolutePath(path: string): Promise<string>;
  /** When `path` was last modified, in unix milliseconds; undefined when there is no such file. */
  fileModifiedAt(path: string): Promise<number | undefined>;
  /** Set `path`'s modification time to now (a lock's heartbeat); throws (code ENOENT) when it is gone. */
  touchFile(path: string): Promise<void>;
  pid(): number;
  /**
   * Collect garbage now (Bun; a no-op where the runtime does not offer it). For long loops that make much garbage
   * fast: the Parquet snapshot of 1M contacts peaked at 319 MiB without it, 256 MiB calling it every 20,000 rows.
   */
  collectGarbage(): void;
  /**
   * Ask for a collection without waiting for it, and for the allocator to hand freed memory back (Bun:
   * `Bun.gc(false)`; a no-op where the runtime manages that on its own). Cheap enough to call every few pages.
   */
  releaseMemory(): void;
  /** This machine's name, so a lock file can tell whose process holds it. */
  hostname(): string;
  isProcessAlive(pid: number): boolean;
  /** Open (creating it, mode 0600, when missing) the database at `path`; SQLite gives -wal/-shm the same mode. */
  openSqlite(path: string): Promise<SqliteDatabase>;
  /** A thread with its own connection to the (WAL) database at `path` that checkpoints it on request. */
  startWalCheckpointThread(path: string): Promise<WalCheckpointThread>;
  serve(handler: Handler, options?: ServeOptions): Promise<RunningServer>;
  /** Run `fn` on SIGINT/SIGTERM. */
  onSignal(signal: "SIGINT" | "SIGTERM", fn: () => void): void;
}
