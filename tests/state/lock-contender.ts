// One process racing for a state file's lock (run by lock.test.ts): prints "won" or "lost", holds a win briefly.
import { acquireLock } from "../../src/state/lock.ts";
import { LockError } from "../../src/errors.ts";

const statePath = process.argv[2];
if (statePath === undefined) throw new Error("usage: lock-contender.ts <state path>");
try {
  const lock = await acquireLock(statePath);
  console.log("won");
  await new Promise((resolve) => setTimeout(resolve, 500));
  await lock.release();
} catch (error) {
  if (!(error instanceof LockError)) throw error;
  console.log("lost");
}
