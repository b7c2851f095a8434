/**
 * Turn a file-system error (ENOENT, EACCES, ENOSPC, …) into one sentence that names the path, says what is wrong
 * in words and what to change. Used for every file the user chooses a path for: state, lock, database, output.
 *
 * @example
 * describeFileProblem(error, "write the state file", "/x/s.json", { flag: "--state", suggestedName: "intercom-sync.state.json" })
 * // "cannot write the state file /x/s.json: the directory /x does not exist; create it or pass another --state"
 */
import { statSync } from "node:fs";
import { dirname, join } from "node:path";

export interface FileRole {
  /** The option that chooses the path, named in the fix. */
  flag: string;
  /** A file name to suggest when the path given is a directory. */
  suggestedName: string;
}

/** True for errors that carry a system error code (ENOENT, EACCES, …), as node:fs throws them in Bun and Deno. */
export function isFileSystemError(error: unknown): error is Error & { code: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return error instanceof Error && typeof code === "string" && /^E[A-Z0-9]+$/.test(code);
}

/** "cannot <doing> <path>: <what is wrong>; <what to do>" */
export function describeFileProblem(error: unknown, doing: string, path: string, role: FileRole): string {
  return `cannot ${doing} ${path}: ${reasonAndFix(error, path, role)}`;
}

function reasonAndFix(error: unknown, path: string, role: FileRole): string {
  const dir = dirname(path);
  const code = isFileSystemError(error) ? error.code : undefined;
  switch (code) {
    case "ENOENT":
      return `the directory ${dir} does not exist; create it or pass another ${role.flag}`;
    case "ENOTDIR": {
      const blocker = fileInTheWay(path);
      return blocker === undefined
        ? `a part of the path is a file, not a directory; pass another ${role.flag}`
        : `${blocker} is a file, not a directory; pass another ${role.flag}`;
    }
    case "EISDIR":
      return `${path} is a directory; pass a file path, e.g. ${role.flag} ${join(path, role.suggestedName)}`;
    case "EACCES":
    case "EPERM":
      return `permission denied on ${path} or its directory ${dir}; change the permissions or pass another ${role.flag}`;
    case "EROFS":
      return `${dir} is on a read-only file system; pass another ${role.flag} on a writable disk`;
    case "ENOSPC":
    case "EDQUOT":
      return `the disk holding ${dir} is full (or the disk quota is used up); free some space and run again`;
    case "ENAMETOOLONG":
      return `the path is too long; pass a shorter ${role.flag}`;
    case "ELOOP":
      return `the path loops through symbolic links; pass another ${role.flag}`;
    case "EMFILE":
    case "ENFILE":
      return "too many files are open; raise the open-file limit (ulimit -n) and run again";
    case "EIO":
      return `the disk reported an input/output error; check the disk, or pass another ${role.flag}`;
    default: {
      const detail = error instanceof Error ? error.message : String(error);
      return `${detail}; check the path, or pass another ${role.flag}`;
    }
  }
}

/** The nearest ancestor of `path` that exists as something other than a directory (the cause of ENOTDIR). */
function fileInTheWay(path: string): string | undefined {
  for (let current = dirname(path); current !== dirname(current); current = dirname(current)) {
    try {
      if (!statSync(current).isDirectory()) return current;
    } catch {
      /* missing or unreadable: look further up */
    }
  }
  return undefined;
}
