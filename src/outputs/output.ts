/**
 * Where a run writes, as one value: the output flags (`--sqlite`, `--output`, `--parquet`, `--csv`, `--markdown-dir`,
 * `--format`, `--new-output`) parse
 * once into an `Output`, and the rules on which of them go together live here and nowhere else. What each kind
 * does (its sink, its state, how verify reads it) is its entry in registry.ts.
 */
import { ConfigError } from "../errors.ts";

export type Output =
  /** JSON lines on stdout, `{"stream","data"}` per record. */
  | { kind: "stdout-jsonl" }
  /** Singer SCHEMA, RECORD and STATE messages on stdout. */
  | { kind: "stdout-singer" }
  /** JSON lines appended to a file exactly once (the state records its length); `newOutput` continues the cursors in it. */
  | { kind: "file"; path: string; newOutput: boolean }
  /** A SQLite database, one table per stream, carrying its own state. */
  | { kind: "sqlite"; path: string }
  /** A directory of per-stream Parquet snapshots, carrying its own state (src/sinks/snapshot-dir.ts). */
  | { kind: "parquet"; path: string }
  /** The same snapshots as CSV files. */
  | { kind: "csv"; path: string }
  /** A directory of one `.md` file per conversation, ticket and article, carrying its own state (src/sinks/markdown-dir/). */
  | { kind: "markdown-dir"; path: string };

export type OutputKind = Output["kind"];
/** An output a sync wrote that can be read back (verify) and written into again (--repair). */
export type WrittenOutput = Extract<Output, { kind: "file" | "sqlite" | "parquet" | "csv" }>;

/** The output flags as the command line (or config file) gives them. */
export interface OutputFlags {
  sqlite?: string;
  output?: string;
  format?: "jsonl" | "singer";
  newOutput?: boolean;
  parquet?: string;
  csv?: string;
  markdownDir?: string;
}

const FLAG_NAMES = { sqlite: "--sqlite", output: "--output", parquet: "--parquet", csv: "--csv", markdownDir: "--markdown-dir" } as const;

/** The run's one output; ConfigError (exit 2) for flags that name two, or a flag that needs another. */
export function parseOutput(flags: OutputFlags): Output {
  if (flags.format === "singer" && flags.sqlite !== undefined) throw new ConfigError("--format singer writes to stdout; leave out --sqlite");
  if (flags.output !== undefined && flags.sqlite !== undefined) {
    throw new ConfigError("--output and --sqlite are two outputs; give one of them");
  }
  const named = (["sqlite", "output", "parquet", "csv", "markdownDir"] as const).filter((flag) => flags[flag] !== undefined);
  if (named.length > 1) {
    throw new ConfigError(
      `${named.map((flag) => FLAG_NAMES[flag]).join(" and ")} are ${named.length === 2 ? "two" : named.length} outputs; give one of them`,
    );
  }
  if (flags.format === "singer" && flags.markdownDir !== undefined) {
    throw new ConfigError("--format singer writes to stdout; --markdown-dir writes files: leave out one of them");
  }
  if (flags.format === "singer" && (flags.parquet ?? flags.csv) !== undefined) {
    throw new ConfigError(`--format singer writes to stdout; leave out --${flags.parquet !== undefined ? "parquet" : "csv"}`);
  }
  if (flags.output !== undefined && flags.format === "singer") {
    throw new ConfigError("--output writes JSON lines; --format singer writes to stdout: leave out one of them");
  }
  if (flags.newOutput && flags.output === undefined) {
    throw new ConfigError("--new-output starts a new --output file: give it with --output FILE");
  }
  if (flags.sqlite !== undefined) return { kind: "sqlite", path: flags.sqlite };
  if (flags.parquet !== undefined) return { kind: "parquet", path: flags.parquet };
  if (flags.csv !== undefined) return { kind: "csv", path: flags.csv };
  if (flags.markdownDir !== undefined) return { kind: "markdown-dir", path: flags.markdownDir };
  if (flags.output !== undefined) return { kind: "file", path: flags.output, newOutput: flags.newOutput ?? false };
  return flags.format === "singer" ? { kind: "stdout-singer" } : { kind: "stdout-jsonl" };
}

/** verify's output: the one a sync wrote, named by exactly one of --sqlite, --output, --parquet and --csv. */
export function parseWrittenOutput(flags: Pick<OutputFlags, "sqlite" | "output" | "parquet" | "csv">): WrittenOutput {
  const named = (["sqlite", "output", "parquet", "csv"] as const).filter((flag) => flags[flag] !== undefined);
  if (named.length !== 1) {
    throw new ConfigError("verify needs the output to compare: --sqlite FILE, --output FILE, --parquet DIR or --csv DIR (one of them)");
  }
  if (flags.sqlite !== undefined) return { kind: "sqlite", path: flags.sqlite };
  if (flags.parquet !== undefined) return { kind: "parquet", path: flags.parquet };
  if (flags.csv !== undefined) return { kind: "csv", path: flags.csv };
  return { kind: "file", path: flags.output!, newOutput: false };
}
