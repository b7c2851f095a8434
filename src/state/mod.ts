/**
 * The incremental-sync state file: its format, loading and atomic saving, the run lock, checkpoints, and the
 * `state show|reset` commands.
 * @example
 * import { acquireLock, loadState, emptyState, Checkpointer } from "./state/mod.ts";
 * const lock = await acquireLock(path);
 * const state = (await loadState(path, { baseUrl })) ?? emptyState({ baseUrl });
 * const checkpoints = new Checkpointer(path, state);
 */
export * from "./schema.ts";
export { stateFileError } from "./file-error.ts";
export { checkWorkspace, describeWorkspace, type ExpectedWorkspace, loadState, sameWorkspace, saveState } from "./store.ts";
export { acquireLock, type Lock, type LockOptions, lockPathFor } from "./lock.ts";
export { Checkpointer, type CheckpointerOptions } from "./checkpoint.ts";
export { mirrorSaves } from "./mirror-saves.ts";
export { type FormatOptions, formatState, resetStreams } from "./commands.ts";
