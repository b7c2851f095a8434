// Run under Deno by deno.test.ts: saves, loads and locks a state through the Deno runtime adapter, prints "ok".
import { runtime } from "../../src/runtime/mod.ts";
import { acquireLock, Checkpointer, emptyState, loadState } from "../../src/state/mod.ts";
import { LockError, StateError } from "../../src/errors.ts";

// Declared here so `tsc` (which knows Bun's types) can check this file.
declare const Deno: {
  args: string[];
  pid: number;
  readTextFile(path: string): Promise<string>;
  writeTextFile(path: string, text: string): Promise<void>;
};

const dir = Deno.args[0];
if (dir === undefined) throw new Error("usage: deno-smoke.ts <directory>");
const path = `${dir}/state.json`;
const baseUrl = "https://api.intercom.io";

function check(condition: boolean, what: string): void {
  if (!condition) throw new Error(`deno smoke: ${what}`);
}

check(runtime.name === "deno", "runs on the Deno adapter");
check((await loadState(path, { baseUrl })) === undefined, "a missing file is a first run");
const lock = await acquireLock(path);
const checkpoints = new Checkpointer(path, emptyState({ baseUrl }));
checkpoints.update("contacts", { cursor: 1_714_557_300 });
await checkpoints.save();
check((await loadState(path, { baseUrl }))?.streams.contacts?.cursor === 1_714_557_300, "saved state loads back");
check(
  await acquireLock(path).then(
    () => false,
    (error) => error instanceof LockError && error.message.includes(`pid ${Deno.pid}`),
  ),
  "a second lock is refused",
);
await lock.release();
await Deno.writeTextFile(path, "{");
check(
  await loadState(path, { baseUrl }).then(
    () => false,
    (error) => error instanceof StateError,
  ),
  "a truncated file is refused",
);
check((await Deno.readTextFile(path)) === "{", "the truncated file is untouched");
console.log("ok");
