/**
 * The state file and the `--output` file are kept in step: the state records the file and its length at each
 * checkpoint, and a run may only continue a state in the file it describes, cut back to that length. Anything
 * else would move cursors past records the file does not hold, so it is refused (exit 2) with what to do.
 *
 * - no recorded file: the run appends after whatever the file holds (creating it, mode 0600);
 * - the recorded file: cut back to the recorded length (a killed run's unrecorded pages and torn line go);
 * - missing or shorter than recorded, another path, or no --output at all: refused, unless --full-refresh;
 * - --full-refresh with --output: the state starts empty and the file is emptied once that state is saved.
 */
import { ConfigError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import type { AppendFile } from "../runtime/types.ts";
import type { SyncState } from "../state/schema.ts";
import { describeFileProblem, isFileSystemError } from "../runtime/file-problem.ts";

export interface OutputBinding {
  /** The state to start from (its `output` is set by the caller from `file` and `start`). */
  state: SyncState | undefined;
  file?: AppendFile;
  /** Where the file is cut back to once the starting state is saved. */
  start: number;
}

export interface BindOutputOptions {
  statePath: string;
  saved: SyncState | undefined;
  /** --output, when given. */
  output?: string;
  fullRefresh: boolean;
  /** What the run writes instead, for the message: "stdout" or "--sqlite FILE". */
  otherTarget: string;
}

export async function bindOutputFile(options: BindOutputOptions): Promise<OutputBinding> {
  const { statePath, saved, output, fullRefresh } = options;
  const recorded = saved?.output;
  if (output === undefined) {
    if (recorded === undefined) return { state: saved, start: 0 };
    if (!fullRefresh) {
      throw new ConfigError(
        `The state file ${statePath} describes the output file ${recorded.path} (written with --output); a run to ` +
          `${options.otherTarget} would move its cursors past records that file never gets. Add --output ` +
          `${recorded.path}, use a separate --state file, or run with --full-refresh.`,
      );
    }
    const { output: _dropped, ...rest } = saved!;
    return { state: rest, start: 0 };
  }
  if (fullRefresh) {
    const file = (await openOutput(output, true))!;
    // The old cursors describe the old file: a full refresh that is killed must not resume from them.
    return { state: saved && { ...saved, streams: {} }, file, start: 0 };
  }
  if (recorded === undefined) {
    const file = (await openOutput(output, true))!;
    return { state: saved, file, start: file.length };
  }
  const restart = `run with --full-refresh to export everything into ${output} afresh`;
  if (recorded.path !== output) {
    throw new ConfigError(
      `The state file ${statePath} describes the output file ${recorded.path}, but this run writes ${output}: that ` +
        `file would lack what the state says is written. Use --output ${recorded.path}, a separate --state file, or ${restart}.`,
    );
  }
  const file = await openOutput(output, false);
  if (file === undefined) {
    throw new ConfigError(
      `The output file ${output} recorded in the state file ${statePath} does not exist. Restore it, or ${restart}.`,
    );
  }
  if (file.length < recorded.length) {
    await file.close();
    throw new ConfigError(
      `The output file ${output} holds ${file.length} bytes, but the state file ${statePath} records ${recorded.length}: ` +
        `records the state says are written are missing. Restore the file, or ${restart}.`,
    );
  }
  return { state: saved, file, start: recorded.length };
}

/** The output file opened for appending; a path that cannot be used is a ConfigError naming it and the fix. */
async function openOutput(path: string, create: boolean): Promise<AppendFile | undefined> {
  try {
    return await runtime.openAppendFile(path, { create });
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    throw new ConfigError(describeFileProblem(error, "open the output file", path, { flag: "--output", suggestedName: "intercom.jsonl" }));
  }
}
