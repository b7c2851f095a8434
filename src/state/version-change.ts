/**
 * `--intercom-version` decides the shape of what Intercom answers, so a state continued with another version mixes
 * records of both shapes in its output. The state records the version of its last run; a run that continues it
 * with another version says so in one line, and how to start afresh.
 */
import type { SyncState } from "./mod.ts";

export interface VersionContext {
  /** The version this run sends; undefined: not known, nothing to compare. */
  intercomVersion?: string;
  fullRefresh: boolean;
  sqlite?: string;
  output?: string;
}

/** The warning for a run that continues `recorded` (the state that counts: the database's with --sqlite), if any. */
export function versionChangeWarning(recorded: SyncState | undefined, run: VersionContext): string | undefined {
  const before = recorded?.lastRun?.intercomVersion;
  if (before === undefined || run.intercomVersion === undefined || before === run.intercomVersion || run.fullRefresh) return undefined;
  const now = run.intercomVersion;
  const [where, afresh] = run.sqlite
    ? [`the database ${run.sqlite}`, `write to a new --sqlite file (or re-read everything with --full-refresh)`]
    : run.output
    ? [`the file ${run.output}`, "run with --full-refresh, which starts the file over (or use a new --output and --state)"]
    : ["the output this state continues", "run with --full-refresh"];
  return (
    `This state was last written with --intercom-version ${before}, and this run uses ${now}: records of both ` +
    `versions, in their own shapes, are now mixed in ${where}. To start afresh, ${afresh}.`
  );
}
