import { describe, expect, test } from "bun:test";
import { spawn } from "node:child_process";
import { readdir, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { acquireLock, lockPathFor } from "../../src/state/lock.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { LockError } from "../../src/errors.ts";

// Above Linux's largest pid_max (2^22), so never a live process.
const NEVER_A_PID = 2 ** 22 + 12345;

/** Runs lock-contender.ts in its own process; resolves with what it printed. */
function contend(statePath: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(import.meta.dir, "lock-contender.ts"), statePath]);
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", () => resolve(out.trim()));
  });
}

/** The pid of a process that has already exited. */
function deadPid(): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["-e", "0"], { stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolve(child.pid!));
  });
}

async function lockError(promise: Promise<unknown>): Promise<LockError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LockError);
  return error as LockError;
}

describe("acquireLock", () => {
  test("writes <state>.lock holding our pid and removes it on release", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const lock = await acquireLock(state, { now: () => 1_700_000_000, host: "box" });
      expect(lock.path).toBe(`${state}.lock`);
      const content = JSON.parse(await readFile(lockPathFor(state), "utf8"));
      expect(content).toMatchObject({ pid: process.pid, startedAt: 1_700_000_000, host: "box" });
      await lock.release();
      expect(await readdir(dir)).toEqual([]);
    });
  });

  test("a second acquire fails while the first holds it, naming the pid, the lock file and what to do", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const lock = await acquireLock(state);
      const before = await readFile(lockPathFor(state), "utf8");
      const error = await lockError(acquireLock(state));
      expect(error.exitCode).toBe(2);
      expect(error.pid).toBe(process.pid);
      expect(error.lockPath).toBe(lockPathFor(state));
      expect(error.message).toContain(`pid ${process.pid}`);
      expect(error.message).toContain(lockPathFor(state));
      expect(error.message).toMatch(/Wait for it to finish/);
      expect(await readFile(lockPathFor(state), "utf8")).toBe(before);
      await lock.release();
      await (await acquireLock(state)).release();
    });
  });

  test("a lock held by another live process is refused", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
      try {
        await writeFile(lockPathFor(state), JSON.stringify({ pid: child.pid, startedAt: 1_700_000_000 }));
        const error = await lockError(acquireLock(state));
        expect(error.message).toContain(`pid ${child.pid}`);
        expect(error.message).toContain("2023-11-14T22:13:20Z");
      } finally {
        child.kill();
      }
    });
  });

  test("a lock left by a process that exited is taken over", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(lockPathFor(state), JSON.stringify({ pid: await deadPid(), startedAt: 1_700_000_000 }));
      const lock = await acquireLock(state);
      expect(JSON.parse(await readFile(lockPathFor(state), "utf8")).pid).toBe(process.pid);
      await lock.release();
    });
  });

  test("a lock naming a pid that cannot exist is taken over", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(lockPathFor(state), JSON.stringify({ pid: NEVER_A_PID, startedAt: 1_700_000_000 }));
      const lock = await acquireLock(state);
      expect(JSON.parse(await readFile(lockPathFor(state), "utf8")).pid).toBe(process.pid);
      await lock.release();
    });
  });

  test("an unreadable lock is taken over after a short grace period", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(lockPathFor(state), '{"pid": 12');
      const lock = await acquireLock(state, { unreadableGraceMs: 5 });
      expect(JSON.parse(await readFile(lockPathFor(state), "utf8")).pid).toBe(process.pid);
      await lock.release();
    });
  });

  test("a lock with our pid left by an earlier process (same pid in a new container) is taken over", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(lockPathFor(state), JSON.stringify({ pid: process.pid, startedAt: 1, token: "earlier-run" }));
      const lock = await acquireLock(state);
      expect(JSON.parse(await readFile(lockPathFor(state), "utf8")).token).not.toBe("earlier-run");
      await lock.release();
    });
  });

  test("a lock without a heartbeat (0.1.0) from another host is never judged stale, even when its pid is dead here", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(lockPathFor(state), JSON.stringify({ pid: NEVER_A_PID, startedAt: 1, host: "other-box" }));
      const error = await lockError(acquireLock(state, { host: "this-box" }));
      expect(error.message).toContain(`pid ${NEVER_A_PID} on other-box`);
    });
  });

  test("release leaves alone a lock that another run has since taken over", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const lock = await acquireLock(state);
      const theirs = JSON.stringify({ pid: NEVER_A_PID + 1, startedAt: 2, token: "theirs" });
      await writeFile(lockPathFor(state), theirs);
      await lock.release();
      expect(await readFile(lockPathFor(state), "utf8")).toBe(theirs);
    });
  });

  test("release twice is harmless", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const lock = await acquireLock(state);
      await lock.release();
      const next = await acquireLock(state);
      await lock.release();
      expect(await readdir(dir)).toEqual(["state.json.lock"]);
      await next.release();
    });
  });

  test("of many concurrent takeovers of one stale lock exactly one wins", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(lockPathFor(state), JSON.stringify({ pid: NEVER_A_PID, startedAt: 1 }));
      const attempts = await Promise.allSettled(Array.from({ length: 8 }, () => acquireLock(state)));
      const won = attempts.filter((attempt) => attempt.status === "fulfilled");
      expect(won).toHaveLength(1);
      for (const attempt of attempts) {
        if (attempt.status === "rejected") expect(attempt.reason).toBeInstanceOf(LockError);
      }
      await (won[0] as PromiseFulfilledResult<{ release(): Promise<void> }>).value.release();
    });
  });

  test("of several processes taking over one stale lock at once exactly one wins", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await writeFile(lockPathFor(state), JSON.stringify({ pid: NEVER_A_PID, startedAt: 1 }));
      const outcomes = await Promise.all(Array.from({ length: 6 }, () => contend(state)));
      expect(outcomes.filter((outcome) => outcome === "won")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === "lost")).toHaveLength(5);
      expect(await readdir(dir)).toEqual([]);
    });
  });
});

describe("the lock's heartbeat", () => {
  /** A lock file as another run writes it, last refreshed `ageMs` ago. */
  async function foreignLock(state: string, content: Record<string, unknown>, ageMs: number): Promise<void> {
    await writeFile(lockPathFor(state), JSON.stringify({ startedAt: 1_700_000_000, heartbeatMs: 10_000, token: "theirs", ...content }));
    const refreshed = new Date(Date.now() - ageMs);
    await utimes(lockPathFor(state), refreshed, refreshed);
  }

  test("the holder refreshes the lock file's modification time, and says how often in the lock", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const lock = await acquireLock(state, { heartbeatMs: 20 });
      try {
        expect(JSON.parse(await readFile(lockPathFor(state), "utf8")).heartbeatMs).toBe(20);
        const hourAgo = new Date(Date.now() - 3_600_000);
        await utimes(lockPathFor(state), hourAgo, hourAgo);
        await Bun.sleep(150);
        expect(Date.now() - (await stat(lockPathFor(state))).mtimeMs).toBeLessThan(10_000);
      } finally {
        await lock.release();
      }
      // Released: nothing refreshes (or recreates) it any more.
      await Bun.sleep(60);
      expect(await readdir(dir)).toEqual([]);
    });
  });

  test("a lock from another host that stopped refreshing is taken over, with a line saying so", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await foreignLock(state, { pid: 4242, host: "runner-7f3a" }, 10 * 60_000);
      const said: string[] = [];
      const lock = await acquireLock(state, { host: "runner-9c1d", onTakeOver: (line) => said.push(line) });
      expect(JSON.parse(await readFile(lockPathFor(state), "utf8"))).toMatchObject({ pid: process.pid, host: "runner-9c1d" });
      expect(said).toHaveLength(1);
      expect(said[0]).toContain(lockPathFor(state));
      expect(said[0]).toContain("pid 4242 on runner-7f3a");
      expect(said[0]).toContain("not refreshed for 10 min");
      await lock.release();
    });
  });

  test("a lock whose pid a live process reuses is taken over once it stopped refreshing", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const child = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"], { stdio: "ignore" });
      try {
        await foreignLock(state, { pid: child.pid }, 1_000);
        // Refreshed a second ago: still the live holder's, as far as anyone can tell.
        await lockError(acquireLock(state));
        // The staleness period is injectable; the holder's own heartbeat (10 s) stretches it to three beats.
        await lockError(acquireLock(state, { staleAfterMs: 50 }));
        await foreignLock(state, { pid: child.pid, heartbeatMs: 10 }, 1_000);
        const said: string[] = [];
        const lock = await acquireLock(state, { staleAfterMs: 50, onTakeOver: (line) => said.push(line) });
        expect(said[0]).toContain(`pid ${child.pid}`);
        expect(said[0]).toContain("not refreshed for 1 s");
        await lock.release();
      } finally {
        child.kill();
      }
    });
  });

  test("a lock from another host that is still refreshed is refused, naming the host", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      await foreignLock(state, { pid: NEVER_A_PID, host: "other-box" }, 0);
      const error = await lockError(acquireLock(state, { host: "this-box" }));
      expect(error.message).toContain(`pid ${NEVER_A_PID} on other-box`);
      expect(error.message).toContain("refreshed");
    });
  });

  test("a holder whose lock another run took over says so at its next beat, once, and leaves that lock alone", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const lost: string[] = [];
      const lock = await acquireLock(state, { heartbeatMs: 20, onLost: (line) => lost.push(line) });
      const theirs = JSON.stringify({ pid: NEVER_A_PID, startedAt: 2, host: "other-box", heartbeatMs: 10_000, token: "theirs" });
      await writeFile(lockPathFor(state), theirs);
      await Bun.sleep(150);
      expect(lost).toHaveLength(1);
      expect(lost[0]).toContain(lockPathFor(state));
      expect(lost[0]).toContain(`pid ${NEVER_A_PID} on other-box`);
      await lock.release();
      expect(await readFile(lockPathFor(state), "utf8")).toBe(theirs);
    });
  });
});
