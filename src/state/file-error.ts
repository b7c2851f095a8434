/**
 * A file-system failure on the state file or its lock, told as a StateError (src/errors.ts): it means "the user
 * must act before a run can go on", so the CLI maps it to exit code 2; the message says what is wrong and the fix.
 */
import { StateError } from "../errors.ts";
import { describeFileProblem, type FileRole, isFileSystemError } from "../runtime/mod.ts";

const STATE_FILE_ROLE: FileRole = { flag: "--state", suggestedName: "intercom-sync.state.json" };

/**
 * A file-system failure on the state file or its lock, as a StateError (exit 2) naming the file and the fix;
 * any other error is returned unchanged.
 * @param doing what failed, e.g. "write the state file"
 * @param path the file concerned (the state file, or its `.lock`)
 * @param note a sentence to add, e.g. what was left unchanged
 */
export function stateFileError(error: unknown, doing: string, path: string, statePath: string, note?: string): unknown {
  if (!isFileSystemError(error)) return error;
  const message = `${capitalise(describeFileProblem(error, doing, path, STATE_FILE_ROLE))}.`;
  return new StateError(note === undefined ? message : `${message} ${note}`, statePath);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
