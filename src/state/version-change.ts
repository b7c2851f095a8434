/**
 * `--intercom-version` decides the shape of what Intercom answers, so a state continued with another version mixes
 * records of both shapes in its output. The state records the version of its last run; a run that continues it
 * with another version says so in one line, and how to start afresh.
 */
import type { CarriedState } from "./carried-state.ts";
import type { SyncState } from "./mod.ts";

export interface VersionContext {
  /** The version this run sends; undefined: not known, nothing to compare. */
  intercomVersion?: string;
  fullRefresh: boolean;
  /** An output that carries its own state (its state is `recorded`). */
  carried?: Pick<CarriedState, "noun" | "path" | "freshOne">;
  /** An --output file the state file describes. */
  file?: string;
}

/** The warning for a run that continues `recorded` (the state that counts: an output's own when it carries one), if any. */
export function versionChangeWarning(recorded: SyncState | undefined, run: VersionContext): string | undefined {
  const before = recorded?.lastRun?.intercomVersion;
  if (before === undefined || run.intercomVersion === undefined || before === run.intercomVersion || run.fullRefresh) return undefined;
  const now = run.intercomVersion;
  const [where, afresh] = run.carried
    ? [`the ${run.carried.noun} ${run.carried.path}`, `write to a new ${run.carried.freshOne} (or re-read everything with --full-refresh)`]
    : run.file
    ? [`the file ${run.file}`, "run with --full-refresh, which starts the file over (or use a new --output and --state)"]
    : ["the output this state continues", "run with --full-refresh"];
  return (
    `This state was last written with --intercom-version ${before}, and this run uses ${now}: records of both ` +
    `versions, in their own shapes, are now mixed in ${where}. To start afresh, ${afresh}.`
  );
}
