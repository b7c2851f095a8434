/** The output flags parse into one Output, the rules on which go together in one place, and every kind has an entry. */
import { expect, test } from "bun:test";
import { ConfigError } from "../../src/errors.ts";
import { type OutputFlags, parseOutput, parseWrittenOutput } from "../../src/outputs/output.ts";
import { OUTPUTS } from "../../src/outputs/registry.ts";

test("each flag alone names its output; none is JSON lines on stdout", () => {
  expect(parseOutput({})).toEqual({ kind: "stdout-jsonl" });
  expect(parseOutput({ format: "jsonl" })).toEqual({ kind: "stdout-jsonl" });
  expect(parseOutput({ format: "singer" })).toEqual({ kind: "stdout-singer" });
  expect(parseOutput({ sqlite: "a.db", format: "jsonl" })).toEqual({ kind: "sqlite", path: "a.db" });
  expect(parseOutput({ output: "a.jsonl" })).toEqual({ kind: "file", path: "a.jsonl", newOutput: false });
  expect(parseOutput({ output: "a.jsonl", newOutput: true })).toEqual({ kind: "file", path: "a.jsonl", newOutput: true });
  expect(parseOutput({ parquet: "out" })).toEqual({ kind: "parquet", path: "out" });
  expect(parseOutput({ csv: "out" })).toEqual({ kind: "csv", path: "out" });
});

test("two outputs, or --new-output without a file, are refused with exit 2's error naming the flags", () => {
  const refused: [OutputFlags, RegExp][] = [
    [{ sqlite: "a.db", format: "singer" }, /--format singer writes to stdout; leave out --sqlite/],
    [{ sqlite: "a.db", output: "a.jsonl" }, /--output and --sqlite are two outputs/],
    [{ output: "a.jsonl", format: "singer" }, /--output writes JSON lines; --format singer/],
    [{ newOutput: true }, /--new-output starts a new --output file/],
    [{ sqlite: "a.db", parquet: "out" }, /--sqlite and --parquet are two outputs; give one of them/],
    [{ output: "a.jsonl", csv: "out", parquet: "out" }, /--output and --parquet and --csv are 3 outputs/],
    [{ csv: "out", format: "singer" }, /--format singer writes to stdout; leave out --csv/],
  ];
  for (const [flags, message] of refused) {
    expect(() => parseOutput(flags)).toThrow(ConfigError);
    expect(() => parseOutput(flags)).toThrow(message);
  }
});

test("verify reads exactly one written output", () => {
  expect(parseWrittenOutput({ sqlite: "a.db" })).toEqual({ kind: "sqlite", path: "a.db" });
  expect(parseWrittenOutput({ output: "a.jsonl" })).toEqual({ kind: "file", path: "a.jsonl", newOutput: false });
  expect(parseWrittenOutput({ parquet: "pq" })).toEqual({ kind: "parquet", path: "pq" });
  expect(parseWrittenOutput({ csv: "csv" })).toEqual({ kind: "csv", path: "csv" });
  expect(() => parseWrittenOutput({})).toThrow(/--sqlite FILE, --output FILE, --parquet DIR or --csv DIR \(one of them\)/);
  expect(() => parseWrittenOutput({ sqlite: "a.db", output: "a.jsonl" })).toThrow(ConfigError);
  expect(() => parseWrittenOutput({ parquet: "pq", csv: "csv" })).toThrow(ConfigError);
});

test("the registry: stdout outputs write to stdout; written ones name their flag and can be read back and repaired", () => {
  expect(Object.keys(OUTPUTS).sort()).toEqual(["csv", "file", "parquet", "sqlite", "stdout-jsonl", "stdout-singer"]);
  expect(OUTPUTS["stdout-jsonl"].writesStdout && OUTPUTS["stdout-singer"].writesStdout).toBe(true);
  expect(OUTPUTS.file.file({ kind: "file", path: "a.jsonl", newOutput: false })).toEqual({ flag: "--output", path: "a.jsonl" });
  expect(OUTPUTS.sqlite.file({ kind: "sqlite", path: "a.db" })).toEqual({ flag: "--sqlite", path: "a.db" });
  // Only the database carries its own state; the others' state is the state file.
  expect(OUTPUTS.sqlite.ownState?.location({ kind: "sqlite", path: "my db.sqlite" })).toEqual({
    name: "the database my db.sqlite",
    flags: "--sqlite 'my db.sqlite'",
  });
  expect([OUTPUTS.file.ownState, OUTPUTS["stdout-jsonl"].ownState, OUTPUTS["stdout-singer"].ownState]).toEqual([undefined, undefined, undefined]);
  expect(OUTPUTS.file.runState({ kind: "file", path: "a.jsonl", newOutput: true })).toEqual({ output: "a.jsonl", newOutput: true });
  expect(OUTPUTS.sqlite.runState({ kind: "sqlite", path: "a.db" })).toEqual({ sqlite: "a.db" });
});

test("the snapshot directories (--parquet, --csv) carry their own state in their staging database", () => {
  expect(OUTPUTS.parquet.file?.({ kind: "parquet", path: "out" })).toEqual({ flag: "--parquet", path: "out" });
  expect(OUTPUTS.csv.file?.({ kind: "csv", path: "out" })).toEqual({ flag: "--csv", path: "out" });
  expect(OUTPUTS.parquet.runState({ kind: "parquet", path: "out/" })).toEqual({
    sqlite: "out/_staging.sqlite",
    sqliteNamed: { flag: "--parquet", path: "out/" },
  });
  expect(OUTPUTS.csv.ownState?.location({ kind: "csv", path: "my out" })).toEqual({ name: "the directory my out", flags: "--csv 'my out'" });
  expect(OUTPUTS.parquet.writesStdout || OUTPUTS.csv.writesStdout).toBe(false);
});
