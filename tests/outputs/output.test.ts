/** The output flags parse into one Output, the rules on which go together in one place, and every kind has an entry. */
import { expect, test } from "bun:test";
import { ConfigError } from "../../src/errors.ts";
import { type OutputFlags, parseOutput, parseWrittenOutput } from "../../src/outputs/output.ts";
import { OUTPUTS, ownStateLocation } from "../../src/outputs/registry.ts";
import type { OutputKind } from "../../src/outputs/output.ts";
import { cliParser } from "../../src/cli/args/parser.ts";

test("each flag alone names its output; none is JSON lines on stdout", () => {
  expect(parseOutput({})).toEqual({ kind: "stdout-jsonl" });
  expect(parseOutput({ format: "jsonl" })).toEqual({ kind: "stdout-jsonl" });
  expect(parseOutput({ format: "singer" })).toEqual({ kind: "stdout-singer" });
  expect(parseOutput({ sqlite: "a.db", format: "jsonl" })).toEqual({ kind: "sqlite", path: "a.db" });
  expect(parseOutput({ output: "a.jsonl" })).toEqual({ kind: "file", path: "a.jsonl", newOutput: false });
  expect(parseOutput({ output: "a.jsonl", newOutput: true })).toEqual({ kind: "file", path: "a.jsonl", newOutput: true });
  expect(parseOutput({ parquet: "out" })).toEqual({ kind: "parquet", path: "out" });
  expect(parseOutput({ csv: "out" })).toEqual({ kind: "csv", path: "out" });
  expect(parseOutput({ markdownDir: "docs" })).toEqual({ kind: "markdown-dir", path: "docs" });
});

test("two outputs, or --new-output without a file, are refused with exit 2's error naming the flags", () => {
  const refused: [OutputFlags, RegExp][] = [
    [{ sqlite: "a.db", format: "singer" }, /--format singer writes to stdout; leave out --sqlite/],
    [{ sqlite: "a.db", output: "a.jsonl" }, /--sqlite and --output are two outputs/],
    [{ output: "a.jsonl", format: "singer" }, /--output writes JSON lines; --format singer/],
    [{ newOutput: true }, /--new-output starts a new --output file/],
    [{ sqlite: "a.db", parquet: "out" }, /--sqlite and --parquet are two outputs; give one of them/],
    [{ output: "a.jsonl", csv: "out", parquet: "out" }, /--output and --parquet and --csv are 3 outputs/],
    [{ csv: "out", format: "singer" }, /--format singer writes to stdout; leave out --csv/],
    [{ sqlite: "a.db", markdownDir: "docs" }, /--sqlite and --markdown-dir are two outputs; give one of them/],
    [{ markdownDir: "docs", format: "singer" }, /--format singer writes to stdout; leave out --markdown-dir/],
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
  expect(Object.keys(OUTPUTS).sort()).toEqual(["csv", "file", "markdown-dir", "parquet", "sqlite", "stdout-jsonl", "stdout-singer"]);
  expect(OUTPUTS["stdout-jsonl"].writesStdout && OUTPUTS["stdout-singer"].writesStdout).toBe(true);
  expect(OUTPUTS.file.file({ kind: "file", path: "a.jsonl", newOutput: false })).toEqual({ flag: "--output", path: "a.jsonl" });
  expect(OUTPUTS.sqlite.file({ kind: "sqlite", path: "a.db" })).toEqual({ flag: "--sqlite", path: "a.db" });
  // Only the database carries its own state; the others' state is the state file.
  expect(ownStateLocation(OUTPUTS.sqlite.ownState!.carried({ kind: "sqlite", path: "my db.sqlite" }))).toEqual({
    name: "the database my db.sqlite",
    flags: "--sqlite 'my db.sqlite'",
  });
  expect([OUTPUTS.file.ownState, OUTPUTS["stdout-jsonl"].ownState, OUTPUTS["stdout-singer"].ownState]).toEqual([undefined, undefined, undefined]);
  expect(OUTPUTS.file.runState({ kind: "file", path: "a.jsonl", newOutput: true }).appendFile).toEqual({ path: "a.jsonl", newOutput: true });
  expect(OUTPUTS.sqlite.runState({ kind: "sqlite", path: "a.db" }).carried?.path).toBe("a.db");
});

test("the snapshot directories (--parquet, --csv) carry their own state in their staging database", () => {
  expect(OUTPUTS.parquet.file?.({ kind: "parquet", path: "out" })).toEqual({ flag: "--parquet", path: "out" });
  expect(OUTPUTS.csv.file?.({ kind: "csv", path: "out" })).toEqual({ flag: "--csv", path: "out" });
  expect(OUTPUTS.parquet.runState({ kind: "parquet", path: "out/" }).carried?.flag).toBe("--parquet");
  expect(ownStateLocation(OUTPUTS.csv.ownState!.carried({ kind: "csv", path: "my out" }))).toEqual({
    name: "the directory my out",
    flags: "--csv 'my out'",
  });
  expect(OUTPUTS.parquet.writesStdout || OUTPUTS.csv.writesStdout).toBe(false);
});

test("every output that carries its own state can be named to `state show|reset`, with the flag sync takes", () => {
  const stateFlags = commandOptionNames("state");
  const withOwnState = (Object.keys(OUTPUTS) as OutputKind[]).filter((kind) => OUTPUTS[kind].ownState !== undefined);
  expect(withOwnState.length).toBeGreaterThan(0);
  for (const kind of withOwnState) {
    const flag = OUTPUTS[kind].file?.({ kind, path: "x", newOutput: false } as never)?.flag;
    expect({ kind, flag, inState: flag !== undefined && stateFlags.includes(flag) }).toEqual({ kind, flag, inState: true });
  }
});

interface UsageTerm {
  type: string;
  name?: string;
  names?: string[];
  terms?: UsageTerm[] | UsageTerm[][];
}

/** Every option name in one command's branch of the command line's usage. */
function commandOptionNames(command: string): string[] {
  const branches = (cliParser.usage as UsageTerm[]).flatMap((term) => (term.type === "exclusive" ? (term.terms as UsageTerm[][]) : []));
  const branch = branches.find((terms) => terms[0]?.type === "command" && terms[0]?.name === command);
  if (!branch) throw new Error(`no ${command} command in the usage`);
  const names: string[] = [];
  const walk = (terms: UsageTerm[]) => {
    for (const term of terms) {
      if (term.type === "option" && term.names) names.push(...term.names);
      if (term.terms) walk((term.terms as (UsageTerm | UsageTerm[])[]).flat());
    }
  };
  walk(branch.slice(1));
  return names;
}

test("--markdown-dir carries its own state in its database, and implies the document streams (refusing others)", () => {
  const output = { kind: "markdown-dir", path: "docs/" } as const;
  expect(OUTPUTS["markdown-dir"].file?.(output)).toEqual({ flag: "--markdown-dir", path: "docs/" });
  expect(OUTPUTS["markdown-dir"].runState(output)).toMatchObject({ target: "--markdown-dir docs/", carried: { noun: "directory" } });
  expect(ownStateLocation(OUTPUTS["markdown-dir"].ownState!.carried({ kind: "markdown-dir", path: "my docs" }))).toEqual({
    name: "the directory my docs",
    flags: "--markdown-dir 'my docs'",
  });
  const streams = OUTPUTS["markdown-dir"].streams!;
  expect(streams(undefined, false)).toEqual(["conversation_transcripts", "ticket_transcripts", "article_documents", "collections"]);
  expect(streams(["ticket_transcripts"], false)).toEqual(["ticket_transcripts"]);
  expect(streams(["article_documents"], false)).toEqual(["article_documents", "collections"]);
  expect(() => streams(["contacts", "conversation_transcripts"], false)).toThrow(/--markdown-dir writes documents only .*contacts/);
  expect(() => streams(undefined, true)).toThrow(ConfigError);
  expect(OUTPUTS.sqlite.streams).toBeUndefined();
});
