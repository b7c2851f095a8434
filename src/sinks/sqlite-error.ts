import { SinkError } from "../errors.ts";
import { describeFileProblem, type FileRole, isFileSystemError } from "../runtime/mod.ts";

/** Exit code for failures the user fixes by changing the path or the disk, as for a bad flag. */
const PATH_PROBLEM = 2;

/** How a fix names the option that chose the database (a snapshot directory's staging database: its --parquet/--csv). */
export interface DatabaseRole extends FileRole {
  /** `another ${flag} ${noun}`: "path" for --sqlite, "directory" for a snapshot directory. */
  noun: string;
}

export const DATABASE_ROLE: DatabaseRole = { flag: "--sqlite", suggestedName: "intercom.db", noun: "path" };

interface Advice {
  test: RegExp;
  cause: string;
  remedy: (another: string) => string;
}

// bun:sqlite puts SQLITE_* codes in `code`; node:sqlite only has the message, so match both.
const ADVICE: Advice[] = [
  {
    test: /SQLITE_READONLY|readonly database|read-only/i,
    cause: "the database is read-only",
    remedy: (another) => `make the file and its directory writable, or choose ${another}`,
  },
  {
    test: /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i,
    cause: "another process holds a lock on the database",
    remedy: (another) => `wait for the other writer to finish (or stop it) and re-run, or choose ${another}`,
  },
  {
    test: /SQLITE_FULL|disk is full|SQLITE_IOERR|disk I\/O error/i,
    cause: "the disk is full or failed to write",
    remedy: () => "free disk space (or check the disk) and re-run; state was not advanced past the failed page",
  },
  {
    test: /SQLITE_NOTADB|not a database|SQLITE_CORRUPT|malformed/i,
    cause: "the file is not a SQLite database (or is damaged)",
    remedy: (another) => `choose ${another}; intercom-sync will not overwrite a file it does not recognise`,
  },
  {
    test: /SQLITE_CANTOPEN|unable to open/i,
    cause: "the file cannot be opened",
    remedy: () => "check that the directory exists, the path is not a directory, and it is writable",
  },
];

/** Wrap a SQLite failure into a SinkError saying what went wrong with `path` and what to do about it. */
export function sqliteSinkError(path: string, doing: string, error: unknown, role: DatabaseRole = DATABASE_ROLE): SinkError {
  if (error instanceof SinkError) return error;
  // Creating the file before SQLite opens it gives the system's own reason (ENOENT, EISDIR, EACCES, …).
  if (isFileSystemError(error)) {
    const message = capitalise(describeFileProblem(error, "open the SQLite database", path, role));
    return new SinkError(`${message}.`, path, error, PATH_PROBLEM);
  }
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const haystack = `${typeof code === "string" ? code : ""} ${detail}`;
  const advice = ADVICE.find((candidate) => candidate.test.test(haystack));
  const message = advice
    ? `SQLite output ${path}: ${doing} failed: ${advice.cause} (${detail}). ${capitalise(advice.remedy(`another ${role.flag} ${role.noun}`))}.`
    : `SQLite output ${path}: ${doing} failed: ${detail}.`;
  return new SinkError(message, path, error, advice ? PATH_PROBLEM : 1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
