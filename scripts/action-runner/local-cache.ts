/**
 * actions/cache/restore and actions/cache/save, simulated with a directory, for the local runner. It keeps what
 * the real cache's behaviour turns on:
 * - entries are immutable: saving under an existing key saves nothing (a warning, the step still succeeds);
 * - an entry's "version" is a hash of its path list, so a restore only matches entries saved with the same paths;
 * - restore takes the exact key, else for each restore-key prefix in order the newest entry whose key starts with it;
 * - only files that exist are saved; none at all saves nothing (a warning); paths are relative to the workspace.
 * Files are copied with their modes, as tar keeps them. Globs are not simulated and throw.
 */
import { createHash } from "node:crypto";
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

interface CacheEntry {
  key: string;
  version: string;
  /** Save order across the whole cache directory: "newest" means the highest. */
  sequence: number;
  files: { path: string; stored: string }[];
}

export interface RestoreResult {
  /** The key restored from, or undefined on a miss. */
  matchedKey?: string;
  /** True only when the exact key was found, as actions/cache's `cache-hit` output. */
  exactHit: boolean;
  restoredFiles: string[];
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");

function pathList(path: string): string[] {
  const paths = lines(path);
  for (const entry of paths) if (/[*?[\]!]/.test(entry)) throw new Error(`the local cache does not expand globs: ${entry}`);
  if (paths.length === 0) throw new Error("actions/cache needs at least one path");
  return paths;
}

const versionOf = (paths: string[]) => createHash("sha256").update(paths.join("|")).digest("hex");
const entryDir = (cacheDir: string, key: string) => join(cacheDir, createHash("sha256").update(key).digest("hex").slice(0, 32));

function entries(cacheDir: string): CacheEntry[] {
  if (!existsSync(cacheDir)) return [];
  return readdirSync(cacheDir)
    .map((name) => join(cacheDir, name, "entry.json"))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, "utf8")) as CacheEntry);
}

export function restoreCache(options: { cacheDir: string; workdir: string; path: string; key: string; restoreKeys: string }): RestoreResult {
  const paths = pathList(options.path);
  const version = versionOf(paths);
  const candidates = entries(options.cacheDir).filter((entry) => entry.version === version);
  let entry = candidates.find((candidate) => candidate.key === options.key);
  const exactHit = entry !== undefined;
  for (const prefix of lines(options.restoreKeys)) {
    if (entry) break;
    entry = candidates.filter((candidate) => candidate.key.startsWith(prefix)).sort((a, b) => b.sequence - a.sequence)[0];
  }
  if (!entry) return { exactHit: false, restoredFiles: [] };
  const dir = entryDir(options.cacheDir, entry.key);
  for (const file of entry.files) {
    const target = resolve(options.workdir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(join(dir, file.stored), target);
    chmodSync(target, statSync(join(dir, file.stored)).mode & 0o777);
  }
  return { matchedKey: entry.key, exactHit, restoredFiles: entry.files.map((file) => file.path) };
}

/** Returns the saved files, or a warning saying why nothing was saved, as the real action warns. */
export function saveCache(options: { cacheDir: string; workdir: string; path: string; key: string }): { saved: string[] } | { warning: string } {
  const paths = pathList(options.path);
  const all = entries(options.cacheDir);
  if (all.some((entry) => entry.key === options.key)) {
    return { warning: `Failed to save: Unable to reserve cache with key ${options.key}, another job may be creating this cache.` };
  }
  const present = paths.filter((path) => existsSync(resolve(options.workdir, path)));
  if (present.length === 0) {
    return { warning: "Path Validation Error: Path(s) specified in the action for caching do(es) not exist, hence no cache is being saved." };
  }
  const dir = entryDir(options.cacheDir, options.key);
  mkdirSync(dir, { recursive: true });
  const files = present.map((path, index) => {
    const stored = `file-${index}`;
    copyFileSync(resolve(options.workdir, path), join(dir, stored));
    chmodSync(join(dir, stored), statSync(resolve(options.workdir, path)).mode & 0o777);
    return { path, stored };
  });
  const sequence = Math.max(0, ...all.map((entry) => entry.sequence)) + 1;
  const entry: CacheEntry = { key: options.key, version: versionOf(paths), sequence, files };
  // entry.json last: an entry without it is an interrupted save, which restore never sees.
  writeFileSync(join(dir, "entry.json"), JSON.stringify(entry, null, 2));
  return { saved: present };
}
