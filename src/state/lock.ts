/**
 * One run per state file: `<state>.lock`, created exclusively, holds the owner's pid. A lock whose process is gone
 * (killed with -9, machine rebooted) or whose content is unreadable is stale and taken over.
 *
 * @example
 * const lock = await acquireLock("intercom-sync.state.json");
 * try {
 *   // ... sync ...
 * } finally {
 *   await lock.release();
 * }
 */
import * as v from "valibot";
import { runtime } from "../runtime/mod.ts";
import { LockError, stateFileError } from "./errors.ts";

export { LockError } from "./errors.ts";

export interface LockOptions {
  /** This machine's name, written into the lock; a lock from another host is never judged stale. Default: none. */
  host?: string;
  /** Unix seconds, written as `startedAt`. Default: the wall clock. */
  now?: () => number;
  /** How long to wait before re-reading an unreadable lock, which may be one being written. Default 100 ms. */
  unreadableGraceMs?: number;
}

export interface Lock {
  /** The `.lock` file's path. */
  readonly path: string;
  /** Remove the lock file if it is still ours; a no-op when another run took it over or it is gone. */
  release(): Promise<void>;
}

const LockContentSchema = v.object({
  pid: v.pipe(v.number(), v.integer(), v.minValue(1)),
  startedAt: v.number(),
  host: v.optional(v.string()),
  // Tells our own lock from a later one by the same pid (pids are reused, and one process may lock twice).
  token: v.optional(v.string()),
});

type LockContent = v.InferOutput<typeof LockContentSchema>;

// Tokens of the locks (and takeover guards) this process holds: a lock with our pid but another token was left by
// an earlier process that had the same pid (containers start every run as the same pid), so it is stale.
const heldHere = new Set<string>();

/** The lock file that guards `statePath`. */
export function lockPathFor(statePath: string): string {
  return `${statePath}.lock`;
}

/** The inverse of lockPathFor. */
function statePathOf(lockPath: string): string {
  return lockPath.slice(0, -".lock".length);
}

/**
 * Take the lock on `statePath`, taking over a stale one.
 * @throws LockError when a live process (or one on another host) holds it; StateError naming the lock file and
 * the fix when it cannot be created (a missing directory, no permission, a read-only or full disk).
 */
export async function acquireLock(statePath: string, options: LockOptions = {}): Promise<Lock> {
  const path = lockPathFor(statePath);
  try {
    return await takeLock(path, options);
  } catch (error) {
    throw stateFileError(error, "create the lock file", path, statePath);
  }
}

async function takeLock(path: string, options: LockOptions): Promise<Lock> {
  const grace = options.unreadableGraceMs ?? 100;
  const mine = {
    pid: runtime.pid(),
    startedAt: (options.now ?? (() => Math.floor(Date.now() / 1000)))(),
    ...(options.host === undefined ? {} : { host: options.host }),
    token: crypto.randomUUID(),
  };
  const text = `${JSON.stringify(mine)}\n`;
  for (let round = 0; round < TAKEOVER_ROUNDS; round++) {
    if (await runtime.createExclusive(path, text)) return heldLock(path, mine.token);
    const seen = await readSettled(path, grace);
    if (seen === undefined) continue; // released meanwhile
    if (seen.content !== undefined && isLive(seen.content, options.host)) throw heldError(path, seen.content);
    if (await takeOver(path, seen.text, mine.token, text, options.host, grace)) return heldLock(path, mine.token);
    // Another run is taking over the same stale lock: give it time, then look again.
    await delay(TAKEOVER_PAUSE_MS);
  }
  const holder = parseLock(await runtime.readTextFile(path));
  if (holder !== undefined && isLive(holder, options.host)) throw heldError(path, holder);
  throw new LockError(
    `Could not take the stale lock ${path}: other runs kept taking it over at the same time. Make sure only ` +
      `one intercom-sync runs on this state file; if none is running, delete ${path} and ${path}.takeover.`,
    path,
    holder?.pid,
  );
}

const TAKEOVER_ROUNDS = 8;
const TAKEOVER_PAUSE_MS = 25;

/**
 * Replace the stale lock whose text is `staleText` with ours. Removing by path is not conditional, so two runs
 * doing this at once could each delete the other's fresh lock; a `.takeover` guard, created exclusively, lets
 * only one of them through at a time. False when another run holds the guard or changed the lock meanwhile.
 */
async function takeOver(
  path: string,
  staleText: string,
  token: string,
  text: string,
  host: string | undefined,
  grace: number,
): Promise<boolean> {
  const guard = `${path}.takeover`;
  heldHere.add(token);
  if (!(await runtime.createExclusive(guard, text))) {
    heldHere.delete(token);
    // A run killed mid-takeover would block every later run: clear its guard so the next round can proceed.
    const other = await readSettled(guard, grace);
    if (other !== undefined && (other.content === undefined || !isLive(other.content, host))) {
      if ((await runtime.readTextFile(guard)) === other.text) await runtime.removeFile(guard);
    }
    return false;
  }
  let taken = false;
  try {
    if ((await runtime.readTextFile(path)) !== staleText) return false;
    await runtime.removeFile(path);
    taken = await runtime.createExclusive(path, text);
    return taken;
  } finally {
    await runtime.removeFile(guard);
    if (!taken) heldHere.delete(token);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function heldLock(path: string, token: string): Lock {
  heldHere.add(token);
  return {
    path,
    async release() {
      heldHere.delete(token);
      try {
        if (parseLock(await runtime.readTextFile(path))?.token === token) await runtime.removeFile(path);
      } catch (error) {
        throw stateFileError(error, "remove the lock file", path, statePathOf(path));
      }
    },
  };
}

function isLive(holder: LockContent, host: string | undefined): boolean {
  // Another machine's pid says nothing about this one's processes.
  if (holder.host !== undefined && holder.host !== host) return true;
  if (holder.pid === runtime.pid()) return holder.token !== undefined && heldHere.has(holder.token);
  return runtime.isProcessAlive(holder.pid);
}

function heldError(path: string, holder: LockContent): LockError {
  const where = holder.host === undefined ? "" : ` on ${holder.host}`;
  const since = new Date(holder.startedAt * 1000).toISOString().replace(".000Z", "Z");
  return new LockError(
    `Another intercom-sync run (pid ${holder.pid}${where}, started ${since}) holds the lock ${path} on this ` +
      `state file. Wait for it to finish or stop it. If pid ${holder.pid} is not intercom-sync, delete ${path} ` +
      "and run again.",
    path,
    holder.pid,
  );
}

/** The lock's text and content (undefined when unreadable), or undefined when there is no lock file. */
async function readSettled(
  path: string,
  graceMs: number,
): Promise<{ text: string; content: LockContent | undefined } | undefined> {
  let text = await runtime.readTextFile(path);
  if (text === undefined) return undefined;
  if (parseLock(text) === undefined) {
    // An exclusive create writes after it creates: give a run that is taking the lock time to finish writing.
    await delay(graceMs);
    text = await runtime.readTextFile(path);
    if (text === undefined) return undefined;
  }
  return { text, content: parseLock(text) };
}

function parseLock(text: string | undefined): LockContent | undefined {
  if (text === undefined) return undefined;
  try {
    const result = v.safeParse(LockContentSchema, JSON.parse(text));
    return result.success ? result.output : undefined;
  } catch {
    return undefined;
  }
}
