/**
 * One run per state file: `<state>.lock`, created exclusively, holds the owner's pid, host and heartbeat period.
 * The holder refreshes the file's modification time every heartbeat. A lock is stale, and taken over with a line
 * saying so, when it stopped being refreshed for the staleness period (its run was killed on another machine, or
 * its pid now belongs to another process), when its process is gone, or when it is unreadable.
 *
 * @example
 * const lock = await acquireLock("intercom-sync.state.json", { onTakeOver: (line) => console.warn(line) });
 * try {
 *   // ... sync ...
 * } finally {
 *   await lock.release();
 * }
 */
import * as v from "valibot";
import { runtime } from "../runtime/mod.ts";
import { LockError } from "../errors.ts";
import { stateFileError } from "./file-error.ts";

/** How often a holder refreshes its lock file's modification time. */
export const LOCK_HEARTBEAT_MS = 10_000;
/** A lock not refreshed for this long is taken over, whoever wrote it (at least three of its holder's beats). */
export const LOCK_STALE_AFTER_MS = 120_000;

export interface LockOptions {
  /** This machine's name, written into the lock: another host's pid says nothing here. Default: none. */
  host?: string;
  /** Unix seconds, written as `startedAt`. Default: the wall clock. */
  now?: () => number;
  /** How long to wait before re-reading an unreadable lock, which may be one being written. Default 100 ms. */
  unreadableGraceMs?: number;
  /** How often to refresh the lock while holding it. Default LOCK_HEARTBEAT_MS. */
  heartbeatMs?: number;
  /** Take over a lock not refreshed for this long (at least three of its holder's beats). Default LOCK_STALE_AFTER_MS. */
  staleAfterMs?: number;
  /** Told, in one line, when a stale lock was taken over and why. */
  onTakeOver?: (line: string) => void;
  /** Told, once, when a beat finds the lock taken over by another run or removed. */
  onLost?: (line: string) => void;
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
  // How often the holder refreshes the file's mtime; absent in a 0.1.0 lock, which is judged by its pid alone.
  heartbeatMs: v.optional(v.pipe(v.number(), v.minValue(1))),
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
  const heartbeatMs = options.heartbeatMs ?? LOCK_HEARTBEAT_MS;
  const mine = {
    pid: runtime.pid(),
    startedAt: (options.now ?? (() => Math.floor(Date.now() / 1000)))(),
    ...(options.host === undefined ? {} : { host: options.host }),
    heartbeatMs,
    token: crypto.randomUUID(),
  };
  const text = `${JSON.stringify(mine)}\n`;
  for (let round = 0; round < TAKEOVER_ROUNDS; round++) {
    if (await runtime.createExclusive(path, text)) return heldLock(path, mine.token, heartbeatMs, options);
    const seen = await readSettled(path, grace);
    if (seen === undefined) continue; // released meanwhile
    const stale = whyStale(seen, options);
    if (stale === undefined) throw heldError(path, seen.content!, options);
    if (await takeOver(path, seen.text, mine.token, text, options, grace)) {
      options.onTakeOver?.(`Took over the lock ${path}: ${stale}.`);
      return heldLock(path, mine.token, heartbeatMs, options);
    }
    // Another run is taking over the same stale lock: give it time, then look again.
    await delay(TAKEOVER_PAUSE_MS);
  }
  const last = await readSettled(path, 0);
  const holder = last?.content;
  if (last !== undefined && holder !== undefined && whyStale(last, options) === undefined) throw heldError(path, holder, options);
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
async function takeOver(path: string, staleText: string, token: string, text: string, options: LockOptions, grace: number): Promise<boolean> {
  const guard = `${path}.takeover`;
  heldHere.add(token);
  if (!(await runtime.createExclusive(guard, text))) {
    heldHere.delete(token);
    // A run killed mid-takeover would block every later run: clear its guard so the next round can proceed.
    const other = await readSettled(guard, grace);
    if (other !== undefined && whyStale(other, options) !== undefined) {
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

function heldLock(path: string, token: string, heartbeatMs: number, options: LockOptions): Lock {
  heldHere.add(token);
  let lost = false;
  let released = false;
  const beat = async () => {
    try {
      const now = await runtime.readTextFile(path);
      // A beat that was under way when release() removed the lock has nothing to say.
      if (released) return;
      if (parseLock(now)?.token !== token) {
        lost = true;
        clearInterval(timer);
        options.onLost?.(lostLine(path, parseLock(now)));
        return;
      }
      await runtime.touchFile(path);
    } catch {
      // A refresh that failed (a full disk, a vanished directory) is tried again at the next beat: the staleness
      // period spans several.
    }
  };
  const timer = setInterval(() => void beat(), heartbeatMs);
  return {
    path,
    async release() {
      released = true;
      clearInterval(timer);
      heldHere.delete(token);
      if (lost) return;
      try {
        if (parseLock(await runtime.readTextFile(path))?.token === token) await runtime.removeFile(path);
      } catch (error) {
        throw stateFileError(error, "remove the lock file", path, statePathOf(path));
      }
    },
  };
}

function lostLine(path: string, holder: LockContent | undefined): string {
  const taken = holder === undefined ? "was removed" : `was taken over by ${describeHolder(holder)}`;
  return (
    `The lock ${path} ${taken} while this run held it (its refreshes stopped for too long: was the process ` +
    "suspended?). Two runs may now write the same state: let one of them finish before starting another."
  );
}

/** What a lock's holder is, for messages: `pid 123 on box-1, started 2024-06-21T12:00:00Z`. */
function describeHolder(holder: LockContent): string {
  const where = holder.host === undefined ? "" : ` on ${holder.host}`;
  return `pid ${holder.pid}${where}, started ${new Date(holder.startedAt * 1000).toISOString().replace(".000Z", "Z")}`;
}

/**
 * Why a lock seen on disk may be taken over, or undefined while its holder may still be running. A lock that
 * says it is refreshed and was not, for the staleness period, is stale whatever its pid and host say: the pid may
 * belong to another process by now, and another host's processes cannot be seen from here at all.
 */
function whyStale(seen: SeenLock, options: LockOptions): string | undefined {
  const holder = seen.content;
  if (holder === undefined) return "it was unreadable";
  if (holder.heartbeatMs !== undefined && seen.modifiedMs !== undefined) {
    const limit = staleLimit(holder, options);
    const age = Date.now() - seen.modifiedMs;
    if (age > limit) return `${describeHolder(holder)}, was not refreshed for ${formatAge(age)}`;
  }
  // Another machine's pid says nothing about this one's processes.
  if (holder.host !== undefined && holder.host !== options.host) return undefined;
  if (holder.pid === runtime.pid()) {
    if (holder.token !== undefined && heldHere.has(holder.token)) return undefined;
    return `${describeHolder(holder)}, was left by an earlier process with this process's pid`;
  }
  if (runtime.isProcessAlive(holder.pid)) return undefined;
  return `${describeHolder(holder)}, is no longer running`;
}

/** How long a lock may go unrefreshed before it is stale: at least three of its holder's beats. */
function staleLimit(holder: LockContent, options: LockOptions): number {
  return Math.max(options.staleAfterMs ?? LOCK_STALE_AFTER_MS, 3 * (holder.heartbeatMs ?? 0));
}

function formatAge(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  return minutes < 120 ? `${minutes} min` : `${Math.round(minutes / 60)} h`;
}

function heldError(path: string, holder: LockContent, options: LockOptions): LockError {
  const refreshed = holder.heartbeatMs === undefined
    ? ""
    : ` It is refreshed while that run lasts; one not refreshed for ${formatAge(staleLimit(holder, options))} is taken over.`;
  return new LockError(
    `Another intercom-sync run (${describeHolder(holder)}) holds the lock ${path} on this state file. Wait for it ` +
      `to finish or stop it.${refreshed} If pid ${holder.pid} is not intercom-sync, delete ${path} and run again.`,
    path,
    holder.pid,
  );
}

/** A lock file as read: its text, its content (undefined when unreadable) and when it was last refreshed. */
interface SeenLock {
  text: string;
  content: LockContent | undefined;
  /** Unix ms; undefined when the file vanished after it was read. */
  modifiedMs: number | undefined;
}

/** The lock file as it stands, or undefined when there is none. */
async function readSettled(path: string, graceMs: number): Promise<SeenLock | undefined> {
  let text = await runtime.readTextFile(path);
  if (text === undefined) return undefined;
  if (parseLock(text) === undefined && graceMs > 0) {
    // An exclusive create writes after it creates: give a run that is taking the lock time to finish writing.
    await delay(graceMs);
    text = await runtime.readTextFile(path);
    if (text === undefined) return undefined;
  }
  // Read after the text: a refresh in between only makes the lock look younger, never staler.
  return { text, content: parseLock(text), modifiedMs: await runtime.fileModifiedAt(path) };
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
