import { SinkError } from "../errors.ts";
import { describeFileProblem, type FileRole, isFileSystemError } from "../runtime/mod.ts";

/** Exit code for failures the user fixes by changing the path or the disk, as for a bad flag. */
const PATH_PROBLEM = 2;

const DATABASE_ROLE: FileRole = { flag: "--sqlite", suggestedName: "intercom.db" };

interface Advice {
  test: RegExp;
  cause: string;
  remedy: string;
}

// bun:sqlite puts SQLITE_* codes in `code`; node:sqlite only has the message, so match both.
const ADVICE: Advice[] = [
  {
    test: /SQLITE_READONLY|readonly database|read-only/i,
    cause: "the database is read-only",
    remedy: "make the file and its directory writable, or choose another --sqlite path",
  },
  {
    test: /SQLITE_BUSY|SQLITE_LOCKED|database is locked|database table is locked/i,
    cause: "another process holds a lock on the database",
    remedy: "wait for the other writer to finish (or stop it) and re-run, or choose another --sqlite path",
  },
  {
    test: /SQLITE_FULL|disk is full|SQLITE_IOERR|disk I\/O error/i,
    cause: "the disk is full or failed to write",
    remedy: "free disk space (or check the disk) and re-run; state was not advanced past the failed page",
  },
  {
    test: /SQLITE_NOTADB|not a database|SQLITE_CORRUPT|malformed/i,
    cause: "the file is not a SQLite database (or is damaged)",
    remedy: "choose another --sqlite path; intercom-sync will not overwrite a file it does not recognise",
  },
  {
    test: /SQLITE_CANTOPEN|unable to open/i,
    cause: "the file cannot be opened",
    remedy: "check that the directory exists, the path is not a directory, and it is writable",
  },
];

/** Wrap a SQLite failure into a SinkError saying what went wrong with `path` and what to do about it. */
export function sqliteSinkError(path: string, doing: string, error: unknown): SinkError {
  if (error instanceof SinkError) return error;
  // Creating the file before SQLite opens it gives the system's own reason (ENOENT, EISDIR, EACCES, …).
  if (isFileSystemError(error)) {
    const message = capitalise(describeFileProblem(error, "open the SQLite database", path, DATABASE_ROLE));
    return new SinkError(`${message}.`, path, error, PATH_PROBLEM);
  }
  const detail = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const haystack = `${typeof code === "string" ? code : ""} ${detail}`;
  const advice = ADVICE.find((candidate) => candidate.test.test(haystack));
  const message = advice
    ? `SQLite output ${path}: ${doing} failed: ${advice.cause} (${detail}). ${capitalise(advice.remedy)}.`
    : `SQLite output ${path}: ${doing} failed: ${detail}.`;
  return new SinkError(message, path, error, advice ? PATH_PROBLEM : 1);
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
