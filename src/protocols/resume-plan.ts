/**
 * Where each selected stream starts, given the saved state and the streams asked for in full: the shared rule of
 * `airbyte read` and the Singer tap. A state that cannot be understood is never dropped silently: it is named in
 * a warning, and the run is refused unless that stream was asked for in full.
 * @example
 * const plan = planResume(await loadStateInput(path), streams, new Set(["tickets"]));
 * if (plan.refused.length) throw new ConfigError(refusal(plan.refused, "set its sync_mode to full_refresh"));
 */
import type { StreamProgress } from "../engine/state-store.ts";
import type { StreamDefinition } from "../streams/types.ts";
import type { StateInput } from "./airbyte/state-input.ts";

export interface ResumePlan {
  initial: Record<string, StreamProgress>;
  /** One line each, for the protocol's warning log. */
  warnings: string[];
  /** Selected streams whose state could not be understood and that were not asked for in full. */
  refused: string[];
}

export function planResume(input: StateInput, streams: readonly StreamDefinition[], fullRefresh: ReadonlySet<string>): ResumePlan {
  const plan: ResumePlan = { initial: {}, warnings: [], refused: [] };
  if (input.unknown.length > 0) {
    plan.warnings.push(`the saved state names streams this source does not have, ignored: ${input.unknown.join(", ")}`);
  }
  for (const stream of streams) {
    const mapped = input.streams[stream.name];
    if (mapped === undefined) continue;
    const full = fullRefresh.has(stream.name);
    if (mapped.problems.length > 0) {
      const what = `cannot understand the saved state of ${stream.name}: ${mapped.problems.join("; ")}`;
      plan.warnings.push(full ? `${what}; reading ${stream.name} in full, as asked` : what);
      if (!full) plan.refused.push(stream.name);
    } else if (mapped.progress !== undefined && !full) {
      plan.initial[stream.name] = mapped.progress;
    }
  }
  return plan;
}

/** The error message for refused streams; `howToRestart` says how this protocol asks for a full read. */
export function refusal(refused: readonly string[], howToRestart: string): string {
  return (
    `the saved state of ${refused.join(", ")} cannot be understood (see the warnings above), and starting ` +
    `${refused.length === 1 ? "it" : "them"} over without being asked could re-send everything: ${howToRestart}`
  );
}
