// File helpers shared by both adapters: Bun and Deno both implement node:fs faithfully,
// and fsync + rename semantics are the same, so one implementation serves both.
import { type FileHandle, mkdir, mkdtemp, open, readdir, readFile, realpath, rename, rm, rmdir, stat, unlink, utimes } from "node:fs/promises";
import type { AppendFile, ReadFile } from "./types.ts";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { namesSqliteFile } from "./sqlite-path.ts";

/** Files holding customer data are readable and writable by their owner only. */
export const PRIVATE_MODE = 0o600;

export async function readTextFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
}

/** The steps of an atomic write that fail on their own (a full disk, a vanished directory); tests swap them. */
export interface AtomicWriteSteps {
  write(handle: FileHandle, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
}

const REAL_STEPS: AtomicWriteSteps = {
  write: (handle, text) => handle.writeFile(text, "utf8"),
  rename,
};

/**
 * Replace `path` with `text` through a temp file in the same directory (fsync, rename, fsync the directory).
 * A new file gets mode 0600 whatever the umask; an existing one keeps its mode. On any failure the temp file is
 * removed and `path` is left as it was.
 */
export async function writeFileAtomic(path: string, text: string, steps: AtomicWriteSteps = REAL_STEPS): Promise<void> {
  const mode = (await existingFileMode(path)) ?? PRIVATE_MODE;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${crypto.randomUUID()}.tmp`);
  const handle = await open(temp, "wx", PRIVATE_MODE);
  try {
    try {
      await setMode(handle, mode);
      await steps.write(handle, text);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await steps.rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => {});
    throw error;
  }
  // Make the rename itself durable; some platforms refuse to open directories, which is fine to ignore.
  try {
    const dir = await open(dirname(path), "r");
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    /* best effort */
  }
}

/** Files written side by side by replaceFiles: their syncs overlap, and open descriptors stay few. */
const FILES_AT_ONCE = 16;

/**
 * Replace several files, each atomically as writeFileAtomic does (a temp file beside it, fsynced, renamed over
 * it; a new file 0600, an existing one keeps its mode), but with one fsync per directory for all of them instead
 * of one per file: a page of 150 transcripts costs 150 file syncs and one directory sync. A reader sees each file
 * old or new, never half-written. On a failure the temp files are removed; files already renamed stay replaced.
 */
export async function replaceFiles(files: readonly { path: string; text: string }[]): Promise<void> {
  const temps: { temp: string; path: string }[] = [];
  try {
    let next = 0;
    let failed = false;
    const worker = async () => {
      while (next < files.length && !failed) {
        const { path, text } = files[next++]!;
        const mode = (await existingFileMode(path)) ?? PRIVATE_MODE;
        const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${crypto.randomUUID()}.tmp`);
        const handle = await open(temp, "wx", PRIVATE_MODE);
        temps.push({ temp, path });
        try {
          await setMode(handle, mode);
          await handle.writeFile(text, "utf8");
          await handle.sync();
        } finally {
          await handle.close();
        }
      }
    };
    // Every worker settles before the clean-up below: a temp file opened by one worker while another fails
    // must be in `temps` by then, or it would be left beside the files.
    const settled = await Promise.allSettled(
      Array.from({ length: Math.min(FILES_AT_ONCE, files.length) }, () =>
        worker().catch((error: unknown) => {
          failed = true;
          throw error;
        })),
    );
    const failure = settled.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
    for (const { temp, path } of temps) await rename(temp, path);
  } catch (error) {
    await Promise.all(temps.map(({ temp }) => unlink(temp).catch(() => {})));
    throw error;
  }
  for (const dir of new Set(files.map(({ path }) => dirname(path)))) {
    try {
      const handle = await open(dir, "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch {
      /* best effort, as in writeFileAtomic */
    }
  }
}

export async function createExclusive(path: string, text: string): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(path, "wx", PRIVATE_MODE);
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") return false;
    throw error;
  }
  try {
    await setMode(handle, PRIVATE_MODE);
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } catch (error) {
    // We created it, so it is ours to remove: a half-written lock would only confuse the next run.
    await handle.close().catch(() => {});
    await unlink(path).catch(() => {});
    throw error;
  }
  await handle.close();
  return true;
}

/**
 * Create `path` empty with mode 0600 (whatever the umask) unless it exists; an existing file keeps its mode.
 * @returns true when this call created the file.
 * @throws the system error (with its `code`) when the file cannot be created, EISDIR when `path` is a directory.
 */
export async function createPrivateFile(path: string): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(path, "wx", PRIVATE_MODE);
  } catch (error) {
    if ((error as { code?: string }).code !== "EEXIST") throw error;
    if ((await stat(path)).isDirectory()) {
      throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${path}'`), {
        code: "EISDIR",
        path,
      });
    }
    return false;
  }
  try {
    await setMode(handle, PRIVATE_MODE);
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Before SQLite opens `path`, create the file 0600 if it does not exist: SQLite would create it with the umask's
 * mode (often 0644), and gives its -wal and -shm files the database file's mode. `:memory:` and "" (a temporary
 * database) name no file.
 */
export async function prepareSqliteFile(path: string): Promise<void> {
  if (!namesSqliteFile(path)) return;
  await createPrivateFile(path);
}

export async function makeDirectory(path: string): Promise<void> {
  // Customer data: the owner only, like the files in it.
  await mkdir(path, { mode: 0o700 }).catch((error: { code?: string }) => {
    if (error.code !== "EEXIST") throw error;
  });
}

export async function removeEmptyDirectory(path: string): Promise<boolean> {
  try {
    // rmdir removes nothing but an empty directory: whatever someone else put in it keeps it.
    await rmdir(path);
    return true;
  } catch (error) {
    if (["ENOTEMPTY", "EEXIST", "ENOENT"].includes(String((error as { code?: string }).code))) return false;
    throw error;
  }
}

export async function renameFile(from: string, to: string): Promise<void> {
  await rename(from, to);
}

export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") throw error;
  }
}

/** See Runtime.absolutePath: the deepest existing ancestor's real path, then the rest as written. */
export async function absolutePath(path: string): Promise<string> {
  const absolute = resolve(path);
  const missing: string[] = [];
  for (let at = absolute;; at = dirname(at)) {
    try {
      return join(await realpath(at), ...missing.reverse());
    } catch {
      if (dirname(at) === at) return absolute;
      missing.push(basename(at));
    }
  }
}

/** The names in the directory `path`; none when it does not exist. */
export async function listDirectory(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return [];
    throw error;
  }
}

export async function fileExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/** When `path` was last modified, in unix milliseconds; undefined when there is no such file. */
export async function fileModifiedAt(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).mtimeMs;
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
}

/** Set `path`'s modification time to now (a lock's heartbeat); the error has code ENOENT when it is gone. */
export async function touchFile(path: string): Promise<void> {
  const now = new Date();
  await utimes(path, now, now);
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: string }).code === "EPERM";
  }
}

/** The permission bits of the regular file at `path`, or undefined when there is none (or it cannot be seen). */
async function existingFileMode(path: string): Promise<number | undefined> {
  try {
    const info = await stat(path);
    return info.isFile() ? info.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

// The umask only ever removes bits, so open(..., 0600) is at most 0600; chmod makes it exact. A file system
// without Unix permissions (FAT, some network shares) refuses chmod and has no modes to protect: ignore that.
async function setMode(handle: FileHandle, mode: number): Promise<void> {
  try {
    await handle.chmod(mode);
  } catch {
    /* no permission bits here */
  }
}

export async function openReadFile(path: string): Promise<ReadFile | undefined> {
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
  const length = (await handle.stat()).size;
  return {
    length,
    async read(position, size) {
      const buffer = new Uint8Array(size);
      let filled = 0;
      while (filled < size) {
        const { bytesRead } = await handle.read(buffer, filled, size - filled, position + filled);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
      return buffer.subarray(0, filled);
    },
    close: () => handle.close(),
  };
}

export async function openAppendFile(path: string, options: { create: boolean }): Promise<AppendFile | undefined> {
  let handle: FileHandle;
  try {
    // "a" creates with mode 0600 (customer data); an existing file keeps its mode.
    handle = await open(path, options.create ? "a+" : "r+", 0o600);
  } catch (error) {
    if (!options.create && (error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
  let length = (await handle.stat()).size;
  return {
    path,
    get length() {
      return length;
    },
    async append(bytes) {
      let offset = 0;
      while (offset < bytes.length) {
        // An explicit position: "r+" handles do not append on their own.
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset, length + offset);
        offset += bytesWritten;
      }
      length += bytes.length;
    },
    sync: () => handle.sync(),
    async truncate(to) {
      await handle.truncate(to);
      length = to;
    },
    async read(position, size) {
      const buffer = new Uint8Array(size);
      const { bytesRead } = await handle.read(buffer, 0, size, position);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

/**
 * A new private file in the system's temporary directory (a download spooled to disk rather than held in memory),
 * removed with its folder on close. A process killed meanwhile leaves it there for the OS's cleaning of /tmp.
 */
export async function createTempFile(): Promise<AppendFile> {
  const folder = await mkdtemp(join(tmpdir(), "intercom-sync-"));
  const file = (await openAppendFile(join(folder, "spool"), { create: true }))!;
  return {
    path: file.path,
    get length() {
      return file.length;
    },
    append: (bytes) => file.append(bytes),
    sync: () => file.sync(),
    truncate: (to) => file.truncate(to),
    read: (position, size) => file.read(position, size),
    async close() {
      try {
        await file.close();
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}
