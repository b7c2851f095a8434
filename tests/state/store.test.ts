import { describe, expect, test } from "bun:test";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { emptyState, type SyncState } from "../../src/state/schema.ts";
import { loadState, saveState } from "../../src/state/store.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { StateError } from "../../src/errors.ts";

const baseUrl = "https://api.intercom.io";

function sampleState(): SyncState {
  return {
    version: 1,
    workspace: { baseUrl, appId: "app1" },
    streams: {
      contacts: { cursor: 1_714_557_300, lastSyncedAt: 1_714_557_600, outcome: "ok" },
      conversations: { cursor: 1_714_000_000, windows: [{ start: 1_714_000_000, end: 1_716_592_000, position: "WzE3" }] },
    },
    lastRun: { startedAt: 1_714_557_000, endedAt: 1_714_557_600, outcome: "partial", toolVersion: "0.1.0" },
  };
}

async function expectRefusedUntouched(path: string, bytes: string, pattern: RegExp): Promise<StateError> {
  const error = await loadState(path, { baseUrl }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StateError);
  const stateError = error as StateError;
  expect(stateError.exitCode).toBe(2);
  expect(stateError.path).toBe(path);
  expect(stateError.message).toContain(path);
  expect(stateError.message).toMatch(pattern);
  expect(await readFile(path, "utf8")).toBe(bytes);
  return stateError;
}

describe("loadState", () => {
  test("a missing file is a first run", async () => {
    await withTempDir(async (dir) => {
      expect(await loadState(join(dir, "state.json"), { baseUrl })).toBeUndefined();
    });
  });

  test("a saved state loads back equal", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await saveState(path, sampleState());
      expect(await loadState(path, { baseUrl, appId: "app1" })).toEqual(sampleState());
    });
  });

  test("a truncated file is refused with recovery advice and left byte for byte", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const full = `${JSON.stringify(sampleState(), null, 2)}\n`;
      const bytes = full.slice(0, full.length / 2);
      await writeFile(path, bytes);
      const error = await expectRefusedUntouched(path, bytes, /not valid JSON/);
      expect(error.message).toMatch(/move it aside/);
      expect(error.message).toMatch(/intercom-sync state reset/);
    });
  });

  test("an empty file is refused as truncated", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await writeFile(path, "");
      await expectRefusedUntouched(path, "", /empty \(truncated\)/);
    });
  });

  test("corrupt bytes are refused and left untouched", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const bytes = "\u0000\u0001garbage{{";
      await writeFile(path, bytes);
      await expectRefusedUntouched(path, bytes, /not valid JSON/);
    });
  });

  test("valid JSON that is not a state names the offending field", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const state = sampleState() as unknown as { streams: { contacts: { cursor: unknown } } };
      state.streams.contacts.cursor = "yesterday";
      const bytes = JSON.stringify(state);
      await writeFile(path, bytes);
      await expectRefusedUntouched(path, bytes, /streams\.contacts\.cursor/);
    });
  });

  test("a cursor in milliseconds is refused rather than trusted", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const state = sampleState();
      state.streams.contacts!.cursor = 1_714_557_300_000;
      const bytes = JSON.stringify(state);
      await writeFile(path, bytes);
      await expectRefusedUntouched(path, bytes, /milliseconds/);
    });
  });

  test("a file from a newer format version is refused with upgrade advice", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const bytes = JSON.stringify({ ...sampleState(), version: 2, somethingNew: true });
      await writeFile(path, bytes);
      const error = await expectRefusedUntouched(path, bytes, /format version 2/);
      expect(error.message).toMatch(/newer intercom-sync/);
      expect(error.message).toMatch(/Upgrade/);
    });
  });

  test("a state from another base URL is refused, naming the one it belongs to", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await saveState(path, sampleState());
      const bytes = await readFile(path, "utf8");
      const error = await loadState(path, { baseUrl: "https://api.eu.intercom.io" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateError);
      expect((error as StateError).message).toContain("belongs to workspace app1 at https://api.intercom.io");
      expect((error as StateError).message).toContain("https://api.eu.intercom.io");
      expect(await readFile(path, "utf8")).toBe(bytes);
    });
  });

  test("a state from another workspace on the same base URL is refused", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await saveState(path, sampleState());
      const error = await loadState(path, { baseUrl, appId: "app2" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateError);
      expect((error as StateError).message).toMatch(/belongs to workspace app1/);
    });
  });

  test("base URLs that differ only by a trailing slash or host case match", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await saveState(path, emptyState({ baseUrl: "https://API.intercom.io/" }));
      expect(await loadState(path, { baseUrl })).toBeDefined();
    });
  });
});

describe("saveState", () => {
  test("writes pretty JSON with a trailing newline and leaves no temp files", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await saveState(path, sampleState());
      const text = await readFile(path, "utf8");
      expect(text).toBe(`${JSON.stringify(sampleState(), null, 2)}\n`);
      expect(await readdir(dir)).toEqual(["state.json"]);
    });
  });

  test("an invalid state is never written and the old file survives", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      await saveState(path, sampleState());
      const before = await readFile(path, "utf8");
      const bad = sampleState();
      bad.streams.contacts!.windows = [{ start: 200, end: 100 }];
      const error = await saveState(path, bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateError);
      expect((error as StateError).message).toMatch(/Refusing to write an invalid state/);
      expect(await readFile(path, "utf8")).toBe(before);
      expect(await readdir(dir)).toEqual(["state.json"]);
    });
  });

  test("concurrent saves all succeed and the newest snapshot is what stays on disk", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const saves = Array.from({ length: 50 }, (_, i) => {
        const state = emptyState({ baseUrl });
        state.streams.contacts = { cursor: 1_700_000_000 + i };
        return saveState(path, state);
      });
      await Promise.all(saves);
      const loaded = await loadState(path, { baseUrl });
      expect(loaded?.streams.contacts?.cursor).toBe(1_700_000_049);
      expect(await readdir(dir)).toEqual(["state.json"]);
    });
  });

  test("a save captures the state at the call, not later mutations", async () => {
    await withTempDir(async (dir) => {
      const path = join(dir, "state.json");
      const state = sampleState();
      const saving = saveState(path, state);
      state.streams.contacts!.cursor = 1;
      await saving;
      expect((await loadState(path, { baseUrl }))?.streams.contacts?.cursor).toBe(1_714_557_300);
    });
  });
});
