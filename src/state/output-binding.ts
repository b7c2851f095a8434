/**
 * The state file and the `--output` file are kept in step: the state records the file (its absolute path), its
 * length and the digest of its last bytes at each checkpoint, and a run may only continue a state in the file it
 * describes. Anything else would move cursors past records the file does not hold, or cut or tear lines the
 * state knows nothing of, so it is refused (exit 2) with what to do, and the file is left as it was.
 *
 * - no recorded file: the run appends after whatever the file holds (creating it, mode 0600);
 * - the recorded file: its bytes up to the recorded length must be the recorded ones (the tail digest; for an
 *   older state without one, the length must end a line intercom-sync wrote); bytes past it are cut only when a
 *   killed run left them (the state's last run never finished, and they are intercom-sync lines);
 * - another path: refused, unless that file holds the recorded bytes (the same export moved, or restored from a
 *   cache under another directory): then it is continued, and recorded instead, with a warning;
 * - missing, shorter than recorded, edited, or no --output at all: refused, unless --full-refresh;
 * - --full-refresh with --output: the state starts empty and the file is emptied once that state is saved;
 * - --new-output: the cursors are kept and the state is bound to this file instead (a new file, or one that is
 *   not the recorded one), so a file can be started afresh without exporting everything again.
 */
import { ConfigError } from "../errors.ts";
import { runtime } from "../runtime/mod.ts";
import type { AppendFile } from "../runtime/types.ts";
import { endsWithOwnLine, isKilledRunTail, tailDigest } from "../sinks/output-identity.ts";
import type { SyncState } from "./schema.ts";
import { describeFileProblem, isFileSystemError } from "../runtime/file-problem.ts";

export interface OutputBinding {
  /** The state to start from (its `output` is set by the caller from `path` and `start`). */
  state: SyncState | undefined;
  file?: AppendFile;
  /** The file's absolute path, as the state records it. */
  path?: string;
  /** Where the file is cut back to once the starting state is saved. */
  start: number;
  /** This run created the file: if it never records it in the state, it removes it again. */
  created: boolean;
  /** Why bytes past `start` are cut, for the run to say so. */
  cutReason?: string;
  /** What the run should say once it goes ahead (the file was found at another path). */
  notice?: string;
}

export interface BindOutputOptions {
  statePath: string;
  saved: SyncState | undefined;
  /** --output, when given. */
  output?: string;
  fullRefresh: boolean;
  /** --new-output: keep the cursors, bind the state to `output` instead of the file it records. */
  newOutput?: boolean;
  /** What the run writes instead, for the message: "stdout", "--sqlite FILE" (the output's registry entry names it). */
  otherTarget: string;
}

const NEW_FILE_HINT = "or move it away and run with --new-output to continue the saved cursors in a new file";

export async function bindOutputFile(options: BindOutputOptions): Promise<OutputBinding> {
  const { statePath, saved, output, fullRefresh } = options;
  const recorded = saved?.output;
  if (output === undefined) {
    if (recorded === undefined) return { state: saved, start: 0, created: false };
    if (!fullRefresh) {
      throw new ConfigError(
        `The state file ${statePath} describes the output file ${recorded.path} (written with --output); a run to ` +
          `${options.otherTarget} would move its cursors past records that file never gets. Add --output ` +
          `${recorded.path}, use a separate --state file, or run with --full-refresh.`,
      );
    }
    return { state: withoutOutput(saved!), start: 0, created: false };
  }
  const path = await runtime.absolutePath(output);
  if (fullRefresh) {
    const { file, created } = await openOrCreate(path);
    // The old cursors describe the old file: a full refresh that is killed must not resume from them.
    return {
      state: saved && { ...saved, streams: {} },
      file,
      path,
      start: 0,
      created,
      cutReason: `--full-refresh: emptied ${path} (it held ${file.length} bytes) to export everything into it afresh`,
    };
  }
  // An older state's relative path meant the working directory of its runs; this one is the best guess.
  const recordedPath = recorded && (await runtime.absolutePath(recorded.path));
  if (options.newOutput) {
    const { file, created } = await openOrCreate(path);
    if (recordedPath === path && file.length > 0) {
      await file.close();
      throw new ConfigError(
        `--new-output starts a new output file, but ${path} is the one the state file ${statePath} records, and it ` +
          `holds ${file.length} bytes. Move it away first (e.g. mv ${output} ${output}.1), or leave out --new-output ` +
          "to continue it.",
      );
    }
    return { state: saved && withoutOutput(saved), file, path, start: file.length, created };
  }
  if (recorded === undefined) {
    const { file, created } = await openOrCreate(path);
    return { state: saved, file, path, start: file.length, created };
  }
  const restart = `run with --full-refresh to export everything into ${output} afresh`;
  const moved = recordedPath !== path && (await holdsRecordedBytes(path, recorded));
  if (recordedPath !== path && !moved) {
    throw new ConfigError(
      `The state file ${statePath} describes the output file ${recordedPath}, but this run writes ${path}: that ` +
        `file would lack what the state says is written. Use --output ${recordedPath}, a separate --state file, ` +
        `--new-output to continue the saved cursors in ${path}, or ${restart}.`,
    );
  }
  const file = await fileProblem(path, () => runtime.openAppendFile(path, { create: false }));
  if (file === undefined) {
    throw new ConfigError(
      `The output file ${path} recorded in the state file ${statePath} does not exist. Restore it, ` +
        `run with --new-output to continue the saved cursors in a new ${output}, or ${restart}.`,
    );
  }
  try {
    const checked = await checkRecorded(file, saved!, statePath, restart);
    const notice = moved
      ? `the state file ${statePath} recorded the output file ${recordedPath}; ${path} holds the same ` +
        `${recorded.length} bytes (moved, or restored from a cache), so this run continues it and records it instead`
      : undefined;
    return { state: saved, file, path, start: recorded.length, created: false, ...checked, ...(notice ? { notice } : {}) };
  } catch (error) {
    await file.close();
    throw error;
  }
}

/**
 * Whether the file at `path` (not the recorded path) holds the recorded bytes: the same export, moved or restored
 * from a cache under another directory. Only a state with a tail digest can tell; an unrelated file never can.
 */
async function holdsRecordedBytes(path: string, recorded: NonNullable<SyncState["output"]>): Promise<boolean> {
  if (recorded.tail === undefined) return false;
  const file = await fileProblem(path, () => runtime.openReadFile(path));
  if (file === undefined) return false;
  try {
    return file.length >= recorded.length && (await tailDigest(file, recorded.length)) === recorded.tail;
  } finally {
    await file.close();
  }
}

/** Refuse a file whose bytes are not the ones the state recorded; say why the bytes past them may be cut. */
async function checkRecorded(
  file: AppendFile,
  saved: SyncState,
  statePath: string,
  restart: string,
): Promise<{ cutReason?: string }> {
  const { length, tail } = saved.output!;
  const path = file.path;
  if (file.length < length) {
    throw new ConfigError(
      `The output file ${path} holds ${file.length} bytes, but the state file ${statePath} records ${length}: ` +
        `records the state says are written are missing. Restore the file, ${NEW_FILE_HINT}, or ${restart}.`,
    );
  }
  const same = tail === undefined ? await endsWithOwnLine(file, length) : (await tailDigest(file, length)) === tail;
  if (!same) {
    const what = tail === undefined
      ? `does not end a line intercom-sync wrote at byte ${length}, where the state file ${statePath} says its runs ` +
        "stopped: it is another file of that name (were the earlier runs started in another directory?), or it " +
        "was edited since"
      : `no longer holds, before byte ${length}, the bytes the state file ${statePath} recorded there: it was ` +
        "edited since (a line added or removed, line ends converted?) or replaced";
    throw new ConfigError(
      `The output file ${path} ${what}. Appending to it would tear a line or mix two exports, so it was left as it ` +
        `was. Restore the file the syncs wrote, ${NEW_FILE_HINT}, or ${restart}.`,
    );
  }
  const extra = file.length - length;
  if (extra === 0) return {};
  // A run saves its end (and every byte it wrote) last: a "running" last run is one that was killed.
  const killed = saved.lastRun?.outcome === "running" && (await isKilledRunTail(file, length));
  if (!killed) {
    throw new ConfigError(
      `The output file ${path} holds ${extra} bytes after the ${length} the state file ${statePath} records, and ` +
        "no run of this state left them there (another program appended to the file?). They were left in place. " +
        `Move them into another file and cut this one back (truncate -s ${length} ${path}), or continue the saved ` +
        `cursors in a new file with --output NEW_FILE --new-output.`,
    );
  }
  return { cutReason: `cut the ${extra} bytes a killed run left after byte ${length} of ${path} (their records are read again)` };
}

function withoutOutput(state: SyncState): SyncState {
  const { output: _dropped, ...rest } = state;
  return rest;
}

/** The output file opened for appending, created (mode 0600) when missing. */
async function openOrCreate(path: string): Promise<{ file: AppendFile; created: boolean }> {
  const existed = await fileProblem(path, () => runtime.fileExists(path));
  const file = (await fileProblem(path, () => runtime.openAppendFile(path, { create: true })))!;
  return { file, created: !existed };
}

/** A path that cannot be used is a ConfigError naming it and the fix. */
async function fileProblem<T>(path: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (!isFileSystemError(error)) throw error;
    throw new ConfigError(describeFileProblem(error, "open the output file", path, { flag: "--output", suggestedName: "intercom.jsonl" }));
  }
}
