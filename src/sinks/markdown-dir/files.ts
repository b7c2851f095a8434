/**
 * Writing the directory's files: each one replaced atomically (runtime.writeFileAtomic: a temporary file beside
 * it, synced, renamed over it), and only when its text changed, so an unchanged document keeps its bytes and its
 * modification time and a file watcher or loader sees only what changed.
 */
import { runtime } from "../../runtime/mod.ts";

/** Files compared with their text on disk at once. */
const FILES_AT_ONCE = 16;

export class DirectoryFiles {
  /** Folders known to exist: each is made once per run, not once per file. */
  readonly #folders = new Set<string>();

  constructor(readonly dir: string) {}

  /** `relative` joined to the directory. */
  path(relative: string): string {
    return `${this.dir.replace(/\/+$/, "") || "/"}/${relative}`;
  }

  /** Write `text` to `relative` unless it already holds exactly that; true when written. */
  async write(relative: string, text: string): Promise<boolean> {
    const path = this.path(relative);
    if ((await runtime.readTextFile(path)) === text) return false;
    await this.#folder(relative);
    await runtime.writeFileAtomic(path, text);
    return true;
  }

  /** Write each file whose text changed, all replaced atomically (runtime.replaceFiles); how many were written. */
  async writeAll(files: readonly { relative: string; text: string }[]): Promise<number> {
    const changed: { relative: string; text: string }[] = [];
    await eachLimited(files, FILES_AT_ONCE, async (file) => {
      if ((await runtime.readTextFile(this.path(file.relative))) !== file.text) changed.push(file);
    });
    for (const { relative } of changed) await this.#folder(relative);
    await runtime.replaceFiles(changed.map(({ relative, text }) => ({ path: this.path(relative), text })));
    return changed.length;
  }

  /** Folders a removed file was in: each may now be empty (removeEmptiedFolders). */
  readonly #leftFolders = new Set<string>();

  /** Remove `relative` (nothing when it is already gone). */
  async remove(relative: string): Promise<void> {
    await runtime.removeFile(this.path(relative));
    const folder = relative.split("/").slice(0, -1).join("/");
    if (folder !== "") this.#leftFolders.add(folder);
  }

  /**
   * Remove the folders inside `root` (never `root` itself) that the files removed so far left empty, and their
   * parents that this empties in turn. Only folders that held a file of ours are candidates, and only an empty
   * one goes (rmdir): a folder holding anything else, someone's own file included, stays. How many were removed.
   */
  async removeEmptiedFolders(root: string): Promise<number> {
    let removed = 0;
    const deepestFirst = [...this.#leftFolders].sort((a, b) => b.split("/").length - a.split("/").length);
    for (const start of deepestFirst) {
      for (let folder = start; folder.startsWith(`${root}/`); folder = folder.split("/").slice(0, -1).join("/")) {
        if (!(await runtime.removeEmptyDirectory(this.path(folder)))) break;
        this.#folders.delete(folder);
        removed++;
      }
    }
    this.#leftFolders.clear();
    return removed;
  }

  /** Make the folders of `relative`, outermost first (makeDirectory makes one level). */
  async #folder(relative: string): Promise<void> {
    const parts = relative.split("/").slice(0, -1);
    for (let depth = 1; depth <= parts.length; depth++) {
      const folder = parts.slice(0, depth).join("/");
      if (this.#folders.has(folder)) continue;
      await runtime.makeDirectory(this.path(folder));
      this.#folders.add(folder);
    }
  }
}

/** Run `work` on every item, at most `limit` at once (the file system overlaps the syncs of a page's files). */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
