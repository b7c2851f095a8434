// File helpers shared by both adapters: Bun and Deno both implement node:fs faithfully,
// and fsync + rename semantics are the same, so one implementation serves both.
import { open, rename, unlink, readFile, stat, type FileHandle } from "node:fs/promises";
import type { AppendFile } from "./types.ts";
import { dirname, basename, join } from "node:path";

export async function readTextFile(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if ((error as { code?: string }).code === "ENOENT") return undefined;
    throw error;
  }
}

export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${crypto.randomUUID()}.tmp`);
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(text, "utf8");
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
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

export async function createExclusive(path: string, text: string): Promise<boolean> {
  try {
    const handle = await open(path, "wx", 0o600);
    try {
      await handle.writeFile(text, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "EEXIST") return false;
    throw error;
  }
}

export async function removeFile(path: string): Promise<void> {
  try {
    await unlink(path);
  } catch (error) {
    if ((error as { code?: string }).code !== "ENOENT") throw error;
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

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as { code?: string }).code === "EPERM";
  }
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
