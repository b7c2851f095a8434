/**
 * Load and save the state file. Loading never modifies the file, whatever is wrong with it; saving never writes
 * anything that does not validate, and replaces the file atomically so a crash leaves the old or the new state.
 *
 * @example
 * const state = (await loadState("intercom-sync.state.json", { baseUrl })) ?? emptyState({ baseUrl });
 * await saveState("intercom-sync.state.json", state);
 */
import * as v from "valibot";
import { runtime } from "../runtime/mod.ts";
import { StateError } from "../errors.ts";
import { stateFileError } from "./file-error.ts";
import { STATE_VERSION, type SyncState, SyncStateSchema, type Workspace } from "./schema.ts";

/** The workspace a run is about to sync; a state file from any other is refused. */
export interface ExpectedWorkspace {
  baseUrl: string;
  /** Only compared when both the run and the file know it. */
  appId?: string;
}

/**
 * Read and validate the state file.
 * @returns the state, or undefined when the file does not exist (a first run).
 * @throws StateError when the file is empty, not JSON, invalid, from a newer build, or from another workspace, or
 * cannot be read (a directory, no permission).
 */
export async function loadState(path: string, expected: ExpectedWorkspace | undefined): Promise<SyncState | undefined> {
  let text: string | undefined;
  try {
    text = await runtime.readTextFile(path);
  } catch (error) {
    throw stateFileError(error, "read the state file", path, path);
  }
  if (text === undefined) return undefined;
  const state = parseState(path, text);
  if (expected !== undefined) checkWorkspace(path, state.workspace, expected);
  return state;
}

/**
 * Whether a saved state may serve a run of `run`. Intercom's app ids are unique, so when both sides know one it
 * decides (a proxy or another port of the same workspace is fine); otherwise the base URL does. An unbound
 * (reset) state serves any workspace.
 */
export function sameWorkspace(saved: Workspace, run: ExpectedWorkspace): boolean {
  if (saved.baseUrl === undefined && saved.appId === undefined) return true;
  if (saved.appId !== undefined && run.appId !== undefined) return saved.appId === run.appId;
  return saved.baseUrl === undefined || normaliseBaseUrl(saved.baseUrl) === normaliseBaseUrl(run.baseUrl);
}

/** "workspace abc123 at https://api.intercom.io", or the base URL alone when the app id is unknown. */
export function describeWorkspace(workspace: { baseUrl?: string; appId?: string }): string {
  if (workspace.appId === undefined) return workspace.baseUrl ?? "no workspace";
  return `workspace ${workspace.appId}${workspace.baseUrl === undefined ? "" : ` at ${workspace.baseUrl}`}`;
}

/**
 * Validate `state` and atomically replace the file with it (pretty JSON and a newline).
 * Saves of one path from this process are applied in call order, so the last call's state is what stays on disk.
 * @throws StateError, before touching the file, when `state` does not validate; StateError naming the path and
 * the fix when the file cannot be written (the previous file is then left as it was).
 */
export async function saveState(path: string, state: SyncState): Promise<void> {
  const result = v.safeParse(SyncStateSchema, state);
  if (!result.success) {
    throw new StateError(`Refusing to write an invalid state to ${path}: ${describeIssues(result.issues)}.`, path);
  }
  // Serialised before the first await: later mutations of `state` by the caller cannot leak into this save.
  const text = `${JSON.stringify(result.output, null, 2)}\n`;
  await enqueueWrite(path, async () => {
    try {
      await runtime.writeFileAtomic(path, text);
    } catch (error) {
      // The write goes through a temp file, removed on failure: whatever was there before is still there.
      throw stateFileError(error, "write the state file", path, path, "The state file was left as it was.");
    }
  });
}

const RECOVER = "The file was left untouched. To start over, move it aside (the next run then exports everything, or from " +
  "--since) or run `intercom-sync state reset`; to keep the cursors, restore it from a backup.";

function parseState(path: string, text: string): SyncState {
  if (text.trim() === "") {
    throw new StateError(`The state file ${path} is empty (truncated). ${RECOVER}`, path);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StateError(
      `The state file ${path} is not valid JSON (corrupt or truncated: ${reason}). ${RECOVER}`,
      path,
    );
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (typeof version === "number" && version > STATE_VERSION) {
    throw new StateError(
      `The state file ${path} has format version ${version}, written by a newer intercom-sync; this build reads ` +
        `version ${STATE_VERSION}. Upgrade intercom-sync, or point --state at another file. ` +
        "The file was left untouched.",
      path,
    );
  }
  const result = v.safeParse(SyncStateSchema, json);
  if (!result.success) {
    throw new StateError(
      `The state file ${path} is not a valid intercom-sync state: ${describeIssues(result.issues)}. ${RECOVER}`,
      path,
    );
  }
  return result.output;
}

/** @throws StateError naming both workspaces when the state file belongs to another. */
export function checkWorkspace(path: string, actual: Workspace, expected: ExpectedWorkspace): void {
  if (sameWorkspace(actual, expected)) return;
  throw new StateError(
    `The state file ${path} belongs to ${describeWorkspace(actual)}, but this run syncs ${describeWorkspace(expected)}. ` +
      "Its cursors would skip records. Use a separate --state file per workspace (or `intercom-sync state reset` " +
      "to clear it). The file was left untouched.",
    path,
  );
}

// "https://API.intercom.io/" and "https://api.intercom.io" are the same API.
function normaliseBaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, "")}`;
  } catch {
    return url;
  }
}

function describeIssues(issues: readonly v.BaseIssue<unknown>[]): string {
  const shown = issues.slice(0, 3).map((issue) => `${v.getDotPath(issue) ?? "(top level)"}: ${issue.message}`);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : "";
  return shown.join("; ") + more;
}

// One chain per path: concurrent atomic writes of one file would race on rename order (and on temp names).
const writeChains = new Map<string, Promise<void>>();

function enqueueWrite(path: string, write: () => Promise<void>): Promise<void> {
  const previous = writeChains.get(path) ?? Promise.resolve();
  const next = previous.catch(() => {}).then(write);
  writeChains.set(path, next);
  const forget = () => {
    if (writeChains.get(path) === next) writeChains.delete(path);
  };
  next.then(forget, forget);
  return next;
}
