/** A fresh directory per test (or file), removed afterwards, so tests never share files. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface TempDir {
  dir: string;
  /** `name` inside the directory. */
  file(name: string): string;
  remove(): void;
}

/** For a directory that lives across tests (beforeAll/afterAll); `remove()` it when done. */
export function tempDir(): TempDir {
  const dir = mkdtempSync(join(tmpdir(), "intercom-sync-test-"));
  return { dir, file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** `fn` gets a fresh directory, removed when it settles, whether it passed or threw. */
export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const temp = tempDir();
  try {
    return await fn(temp.dir);
  } finally {
    temp.remove();
  }
}
