/**
 * `intercom-sync state show|reset`: read or reset the incremental state file, and with the flag of an output that
 * carries its own state (`--sqlite FILE`, `--parquet DIR`, `--csv DIR`, `--markdown-dir DIR`) the state it carries, the one a run into it
 * continues from (its entry in outputs/registry.ts reads and replaces it).
 */
import { runtime } from "../../runtime/mod.ts";
import { type Output, parseOutput } from "../../outputs/output.ts";
import { outputEntry, type OwnState, readOwnState } from "../../outputs/registry.ts";
import { acquireLock, formatState, resetStreams, saveState, stateFileError, type SyncState, SyncStateSchema } from "../../state/mod.ts";
import { STREAM_NAMES } from "../../streams/catalog.ts";
import type { CliCommand } from "../args/parser.ts";
import * as v from "valibot";
import { StateError } from "../../errors.ts";

type StateCommand = Extract<CliCommand, { command: "state" }>;

/** A stale lock taken over is said on stderr, as a sync says it. */
const lockOptions = () => ({ host: runtime.hostname(), onTakeOver: (line: string) => runtime.writeStderr(`warning: ${line}\n`) });

export async function stateCommand(options: StateCommand, write: (text: string) => void): Promise<number> {
  // The output the flags name, parsed as sync parses them (none: stdout, whose state is the state file's).
  const output = parseOutput(options);
  const own = outputEntry(output).ownState;
  if (own && "path" in output) return ownStateCommand(options, output, own, write);
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
  const lock = await acquireLock(options.state, lockOptions());
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
    if (state.output && !options.streams) {
      write(
        `The state recorded the output file ${state.output.path} (${state.output.length} bytes); the next --output run ` +
          "appends after what it holds. To start the file over too, run with --full-refresh.\n",
      );
    }
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

/** show/reset the state an output carries (a --sqlite database); the state file, if any, is reset along with it. */
async function ownStateCommand<O extends Output & { path: string }>(
  options: StateCommand,
  output: O,
  own: OwnState<O>,
  write: (text: string) => void,
): Promise<number> {
  const { path } = output;
  const contents = await readOwnState(own.carried(output), options.state);
  if ("none" in contents) {
    write(`${contents.none}\n`);
    return 0;
  }
  const state = parse(path, JSON.stringify(contents.state));
  if (options.action === "show") {
    write(`${formatState(state, { streams: STREAM_NAMES })}\n`);
    return 0;
  }
  const lock = await acquireLock(options.state, lockOptions());
  try {
    // The rows stay, and so does the workspace they belong to: only the cursors go.
    await own.replace(output, { ...resetStreams(state, options.streams), workspace: state.workspace });
    const file = await runtime.readTextFile(options.state).catch(() => undefined);
    if (file !== undefined) {
      try {
        await saveState(options.state, resetStreams(parse(options.state, file), options.streams));
      } catch {
        // An unreadable state file does not matter: the output's own state is the one a run into it uses.
      }
    }
    write(`Reset ${options.streams ? options.streams.join(", ") : "every stream"} in ${path}: the next run into it reads them again.\n`);
    return 0;
  } finally {
    await lock.release();
  }
}
