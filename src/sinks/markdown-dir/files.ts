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

  /** Remove `relative` (nothing when it is already gone). */
  async remove(relative: string): Promise<void> {
    await runtime.removeFile(this.path(relative));
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
