/** `intercom-sync state show|reset`: read or reset the incremental state file. */
import { runtime } from "../../runtime/mod.ts";
import { acquireLock, formatState, resetStreams, saveState, stateFileError, SyncStateSchema, StateError, type SyncState } from "../../state/mod.ts";
import { STREAM_NAMES } from "../../streams/catalog.ts";
import type { CliCommand } from "../parser.ts";
import * as v from "valibot";

type StateCommand = Extract<CliCommand, { command: "state" }>;

export async function stateCommand(options: StateCommand, write: (text: string) => void): Promise<number> {
  const text = await runtime.readTextFile(options.state).catch((error: unknown) => {
    throw stateFileError(error, "read the state file", options.state, options.state);
  });
  if (options.action === "show") {
    if (text === undefined) {
      write(`${options.state} does not exist yet: the next run is a first run.\n`);
      return 0;
    }
    write(`${formatState(parse(options.state, text), { streams: STREAM_NAMES })}\n`);
    return 0;
  }
  if (text === undefined) {
    write(`${options.state} does not exist: nothing to reset.\n`);
    return 0;
  }
  const lock = await acquireLock(options.state, { host: runtime.hostname() });
  try {
    let state: SyncState;
    try {
      state = parse(options.state, text);
    } catch (error) {
      if (options.streams) throw error;
      // Resetting everything needs nothing from an unreadable file: keep its bytes aside, start over.
      const aside = `${options.state}.corrupt-${Date.now()}`;
      await runtime.writeFileAtomic(aside, text);
      await runtime.removeFile(options.state);
      write(`${options.state} was unreadable; kept it as ${aside}. The next run starts over.\n`);
      return 0;
    }
    await saveState(options.state, resetStreams(state, options.streams));
    write(`Reset ${options.streams ? options.streams.join(", ") : "every stream"} in ${options.state}: the next run starts over.\n`);
    return 0;
  } finally {
    await lock.release();
  }
}

// The workspace check belongs to sync; show and reset accept a state file from any workspace.
function parse(path: string, text: string): SyncState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new StateError(`${path} is not valid JSON; move it aside (the next run then starts over).`, path);
  }
  const result = v.safeParse(SyncStateSchema, json);
  if (!result.success) throw new StateError(`${path} is not an intercom-sync state file: ${result.issues[0]?.message}.`, path);
  return result.output;
}
