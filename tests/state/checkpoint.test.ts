import { describe, expect, test } from "bun:test";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { Checkpointer } from "../../src/state/checkpoint.ts";
import { emptyState, type SyncState } from "../../src/state/schema.ts";
import { loadState } from "../../src/state/store.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { StateError } from "../../src/errors.ts";

const baseUrl = "https://api.intercom.io";

/** A save whose writes finish only when the test says so, recording each snapshot. */
function controlledSave() {
  const written: SyncState[] = [];
  const waiting: (() => void)[] = [];
  let active = 0;
  let maxActive = 0;
  return {
    written,
    get maxActive() {
      return maxActive;
    },
    get waiting() {
      return waiting.length;
    },
    save(_path: string, state: SyncState): Promise<void> {
      active++;
      maxActive = Math.max(maxActive, active);
      return new Promise((resolve) => {
        waiting.push(() => {
          written.push(state);
          active--;
          resolve();
        });
      });
    },
    finishNext() {
      waiting.shift()?.();
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const cursorsOf = (states: SyncState[]) => states.map((state) => state.streams.contacts?.cursor);

describe("Checkpointer", () => {
  test("saves during a write coalesce into one follow-up write of the newest snapshot", async () => {
    const disk = controlledSave();
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }), { save: disk.save });
    checkpoints.update("contacts", { cursor: 1 });
    const first = checkpoints.save();
    checkpoints.update("contacts", { cursor: 2 });
    const second = checkpoints.save();
    checkpoints.update("contacts", { cursor: 3 });
    const third = checkpoints.save();
    expect(second).toBe(third);

    disk.finishNext();
    await first;
    await tick();
    expect(disk.waiting).toBe(1);
    disk.finishNext();
    await third;
    expect(cursorsOf(disk.written)).toEqual([1, 3]);
    expect(disk.maxActive).toBe(1);
  });

  test("a save resolves only once its own changes are written", async () => {
    const disk = controlledSave();
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }), { save: disk.save });
    checkpoints.update("contacts", { cursor: 1 });
    void checkpoints.save();
    checkpoints.update("contacts", { cursor: 2 });
    let secondDone = false;
    const second = checkpoints.save().then(() => (secondDone = true));
    disk.finishNext();
    await tick();
    expect(secondDone).toBe(false);
    disk.finishNext();
    await second;
    expect(cursorsOf(disk.written)).toEqual([1, 2]);
  });

  test("flush waits for the write in flight and the one queued behind it", async () => {
    const disk = controlledSave();
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }), { save: disk.save });
    checkpoints.update("contacts", { cursor: 1 });
    void checkpoints.save();
    checkpoints.update("contacts", { cursor: 2 });
    void checkpoints.save();
    let flushed = false;
    const flushing = checkpoints.flush().then(() => (flushed = true));
    disk.finishNext();
    await tick();
    expect(flushed).toBe(false);
    disk.finishNext();
    await flushing;
    expect(cursorsOf(disk.written)).toEqual([1, 2]);
  });

  test("flush with nothing to write resolves at once", async () => {
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }), { save: () => Promise.reject() });
    await checkpoints.flush();
  });

  test("a failed write rejects its own save, and the save queued behind it still writes", async () => {
    let calls = 0;
    const written: SyncState[] = [];
    const save = async (_path: string, state: SyncState) => {
      if (calls++ === 0) throw new Error("disk full");
      written.push(state);
    };
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }), { save });
    checkpoints.update("contacts", { cursor: 1 });
    const failing = checkpoints.save();
    checkpoints.update("contacts", { cursor: 2 });
    const next = checkpoints.save();
    await expect(failing).rejects.toThrow("disk full");
    await next;
    expect(cursorsOf(written)).toEqual([2]);
  });

  test("updates merge per stream, and an undefined value clears a field", () => {
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }));
    checkpoints.update("contacts", { cursor: 10, windows: [{ start: 10, end: 20, position: "abc" }] });
    checkpoints.update("tickets", { outcome: "failed", error: "boom" });
    checkpoints.update("contacts", { cursor: 20, windows: undefined, outcome: "ok" });
    expect(checkpoints.view().streams).toEqual({
      contacts: { cursor: 20, outcome: "ok" },
      tickets: { outcome: "failed", error: "boom" },
    });
  });

  test("an invalid update throws StateError and changes nothing", () => {
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }));
    checkpoints.update("contacts", { cursor: 10 });
    expect(() => checkpoints.update("contacts", { cursor: Date.now() })).toThrow(StateError);
    expect(() => checkpoints.update("contacts", { windows: [{ start: 5, end: 1 }] })).toThrow(/window start is after/);
    expect(checkpoints.view().streams.contacts).toEqual({ cursor: 10 });
  });

  test("the snapshot being written is not changed by later updates", async () => {
    const disk = controlledSave();
    const checkpoints = new Checkpointer("state.json", emptyState({ baseUrl }), { save: disk.save });
    checkpoints.update("contacts", { cursor: 1 });
    const saving = checkpoints.save();
    checkpoints.update("contacts", { cursor: 2 });
    disk.finishNext();
    await saving;
    expect(cursorsOf(disk.written)).toEqual([1]);
  });

  test("many concurrent streams checkpointing to a real file leave the newest state and no temp files", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const checkpoints = new Checkpointer(path, emptyState({ baseUrl }));
      const streams = ["contacts", "conversations", "tickets", "companies"];
      await Promise.all(
        streams.map(async (stream) => {
          for (let page = 1; page <= 25; page++) {
            checkpoints.update(stream, { cursor: 1_700_000_000 + page });
            await checkpoints.save();
          }
        }),
      );
      checkpoints.setLastRun({ startedAt: 1_700_000_000, endedAt: 1_700_000_100, outcome: "ok", toolVersion: "t" });
      void checkpoints.save();
      await checkpoints.flush();
      const loaded = await loadState(path, { baseUrl });
      expect(loaded).toEqual(checkpoints.view());
      for (const stream of streams) expect(loaded?.streams[stream]?.cursor).toBe(1_700_000_025);
      expect(await readdir(dir)).toEqual(["state.json"]);
    });
  });
});
