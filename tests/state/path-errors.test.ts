/** File-system failures of the state file and its lock become StateErrors (exit 2) naming the path and the fix. */
import { expect, test } from "bun:test";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { runtime } from "../../src/runtime/mod.ts";
import { acquireLock } from "../../src/state/lock.ts";
import { emptyState } from "../../src/state/schema.ts";
import { loadState, saveState } from "../../src/state/store.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { StateError } from "../../src/errors.ts";

const baseUrl = "https://api.intercom.io";

async function failure(promise: Promise<unknown>): Promise<StateError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(StateError);
  expect((error as StateError).exitCode).toBe(2);
  return error as StateError;
}

test("a full disk while saving → StateError naming the file, saying to free space and that the old file stayed", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "state.json");
    await writeFile(path, "previous\n");
    const realWrite = runtime.writeFileAtomic;
    runtime.writeFileAtomic = () => Promise.reject(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }));
    try {
      const error = await failure(saveState(path, emptyState({ baseUrl })));
      expect(error.path).toBe(path);
      expect(error.message).toBe(
        `Cannot write the state file ${path}: the disk holding ${dir} is full (or the disk quota is used up); ` +
          "free some space and run again. The state file was left as it was.",
      );
    } finally {
      runtime.writeFileAtomic = realWrite;
    }
    expect(await readFile(path, "utf8")).toBe("previous\n");
  });
});

test("saving into a missing directory → StateError saying to create it, and no temp file anywhere", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "missing", "state.json");
    const error = await failure(saveState(path, emptyState({ baseUrl })));
    expect(error.message).toContain(`the directory ${join(dir, "missing")} does not exist; create it or pass another --state`);
    expect(await readdir(dir)).toEqual([]);
  });
});

test("loading a state path that is a directory → StateError suggesting a file inside it", async () => {
  await withTempDir(async (dir) => {
    const path = join(dir, "states");
    await mkdir(path);
    const error = await failure(loadState(path, { baseUrl }));
    expect(error.message).toContain(`${path} is a directory; pass a file path, e.g. --state ${path}/intercom-sync.state.json`);
  });
});

test("locking a state file in a missing directory → StateError naming the lock file and the directory", async () => {
  await withTempDir(async (dir) => {
    const statePath = join(dir, "missing", "state.json");
    const error = await failure(acquireLock(statePath));
    expect(error.path).toBe(statePath);
    expect(error.message).toContain(`Cannot create the lock file ${statePath}.lock: the directory ${join(dir, "missing")} does not exist`);
  });
});
