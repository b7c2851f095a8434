/** Each file-system failure is explained with the path, the cause in words and the flag to change. */
import { expect, test } from "bun:test";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describeFileProblem, isFileSystemError } from "../../src/runtime/file-problem.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const ROLE = { flag: "--state", suggestedName: "intercom-sync.state.json" };

function systemError(code: string): Error {
  return Object.assign(new Error(`${code}: raw system text`), { code });
}

const CASES: [code: string, expected: string][] = [
  ["ENOENT", "cannot write the state file /x/s.json: the directory /x does not exist; create it or pass another --state"],
  ["EISDIR", "cannot write the state file /x/s.json: /x/s.json is a directory; pass a file path, e.g. --state /x/s.json/intercom-sync.state.json"],
  [
    "EACCES",
    "cannot write the state file /x/s.json: permission denied on /x/s.json or its directory /x; change the permissions or pass another --state",
  ],
  [
    "EPERM",
    "cannot write the state file /x/s.json: permission denied on /x/s.json or its directory /x; change the permissions or pass another --state",
  ],
  ["EROFS", "cannot write the state file /x/s.json: /x is on a read-only file system; pass another --state on a writable disk"],
  ["ENOSPC", "cannot write the state file /x/s.json: the disk holding /x is full (or the disk quota is used up); free some space and run again"],
  ["EDQUOT", "cannot write the state file /x/s.json: the disk holding /x is full (or the disk quota is used up); free some space and run again"],
  ["ENAMETOOLONG", "cannot write the state file /x/s.json: the path is too long; pass a shorter --state"],
];

for (const [code, expected] of CASES) {
  test(`${code} is explained in words, with the fix`, () => {
    expect(describeFileProblem(systemError(code), "write the state file", "/x/s.json", ROLE)).toBe(expected);
  });
}

test("ENOTDIR names the file that is in the way", async () => {
  await withTempDir(async (dir) => {
    const file = join(dir, "file");
    await writeFile(file, "");
    const path = join(file, "deeper", "s.json");
    expect(describeFileProblem(systemError("ENOTDIR"), "create the lock file", path, ROLE)).toBe(
      `cannot create the lock file ${path}: ${file} is a file, not a directory; pass another --state`,
    );
  });
});

test("an unknown code keeps the system's text and still says which flag to change", () => {
  expect(describeFileProblem(systemError("EWEIRD"), "read the state file", "/x/s.json", ROLE)).toBe(
    "cannot read the state file /x/s.json: EWEIRD: raw system text; check the path, or pass another --state",
  );
});

test("only errors with a system code count as file-system errors (not SQLite's or Node's ERR_ codes)", () => {
  expect(isFileSystemError(systemError("ENOENT"))).toBe(true);
  expect(isFileSystemError(Object.assign(new Error("x"), { code: "SQLITE_CANTOPEN" }))).toBe(false);
  expect(isFileSystemError(Object.assign(new Error("x"), { code: "ERR_SQLITE_ERROR" }))).toBe(false);
  expect(isFileSystemError(new Error("no code"))).toBe(false);
});
