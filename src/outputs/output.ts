/**
 * Where a run writes, as one value: the output flags (`--sqlite`, `--output`, `--parquet`, `--csv`, `--markdown-dir`,
 * `--format`, `--new-output`) parse
 * once into an `Output`, and the rules on which of them go together live here and nowhere else. What each kind
 * does (its sink, its state, how verify reads it) is its entry in registry.ts.
 */
import { ConfigError } from "../errors.ts";

/**
 * The outputs a path names, in the order messages name them: the flags' field, the flag, its kind, and whether
 * `verify` reads it back. A new output of files or a directory is one line here (and its registry entry).
 */
const PATH_OUTPUTS = [
  // A SQLite database, one table per stream, carrying its own state.
  { field: "sqlite", flag: "--sqlite", kind: "sqlite", metavar: "FILE", written: true },
  // JSON lines appended to a file exactly once (the state records its length).
  { field: "output", flag: "--output", kind: "file", metavar: "FILE", written: true },
  // A directory of per-stream Parquet snapshots, carrying its own state (src/sinks/snapshot-dir.ts).
  { field: "parquet", flag: "--parquet", kind: "parquet", metavar: "DIR", written: true },
  // The same snapshots as CSV files.
  { field: "csv", flag: "--csv", kind: "csv", metavar: "DIR", written: true },
  // A directory of one `.md` file per conversation, ticket and article, carrying its own state (src/sinks/markdown-dir/).
  { field: "markdownDir", flag: "--markdown-dir", kind: "markdown-dir", metavar: "DIR", written: false },
] as const;

type PathOutput = (typeof PATH_OUTPUTS)[number];
/** The flags that name an output by its path. */
export type OutputFlag = PathOutput["flag"];
type NamedKind = Exclude<PathOutput["kind"], "file">;

export type Output =
  /** JSON lines on stdout, `{"stream","data"}` per record. */
  | { kind: "stdout-jsonl" }
  /** Singer SCHEMA, RECORD and STATE messages on stdout. */
  | { kind: "stdout-singer" }
  /** JSON lines appended to a file exactly once; `newOutput` continues the cursors in it. */
  | { kind: "file"; path: string; newOutput: boolean }
  /** A database or a directory, named by its path (PATH_OUTPUTS). */
  | { [K in NamedKind]: { kind: K; path: string } }[NamedKind];

export type OutputKind = Output["kind"];
/** An output a sync wrote that can be read back (verify) and written into again (--repair). */
export type WrittenOutput = Extract<Output, { kind: Extract<PathOutput, { written: true }>["kind"] }>;

/** The output flags as the command line (or config file) gives them. */
export type OutputFlags = { format?: "jsonl" | "singer"; newOutput?: boolean } & { [F in PathOutput["field"]]?: string };

/** The run's one output; ConfigError (exit 2) for flags that name two, or a flag that needs another. */
export function parseOutput(flags: OutputFlags): Output {
  const named = PATH_OUTPUTS.filter((entry) => flags[entry.field] !== undefined);
  if (named.length > 1) {
    throw new ConfigError(
      `${named.map((entry) => entry.flag).join(" and ")} are ${named.length === 2 ? "two" : named.length} outputs; give one of them`,
    );
  }
  const [entry] = named;
  if (flags.format === "singer" && entry) {
    throw new ConfigError(
      entry.kind === "file"
        ? "--output writes JSON lines; --format singer writes to stdout: leave out one of them"
        : `--format singer writes to stdout; leave out ${entry.flag}`,
    );
  }
  if (flags.newOutput && flags.output === undefined) {
    throw new ConfigError("--new-output starts a new --output file: give it with --output FILE");
  }
  if (!entry) return flags.format === "singer" ? { kind: "stdout-singer" } : { kind: "stdout-jsonl" };
  return pathOutput(entry, flags[entry.field]!, flags.newOutput ?? false);
}

/** verify's output: the one a sync wrote, named by exactly one of the flags of the outputs it reads back. */
export function parseWrittenOutput(flags: OutputFlags): WrittenOutput {
  const readable = PATH_OUTPUTS.filter((entry) => entry.written);
  const named = readable.filter((entry) => flags[entry.field] !== undefined);
  if (named.length !== 1) {
    const choices = readable.map((entry) => `${entry.flag} ${entry.metavar}`);
    throw new ConfigError(`verify needs the output to compare: ${choices.slice(0, -1).join(", ")} or ${choices.at(-1)} (one of them)`);
  }
  return pathOutput(named[0]!, flags[named[0]!.field]!, false) as WrittenOutput;
}

function pathOutput(entry: PathOutput, path: string, newOutput: boolean): Output {
  return entry.kind === "file" ? { kind: "file", path, newOutput } : { kind: entry.kind, path };
}
