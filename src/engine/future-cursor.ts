/**
 * Saved cursors later than Intercom's clock. Each run saves cursors no later than its bound (Intercom's clock minus
 * the search lag), so a cursor in Intercom's future was written some other way: by a version that used this
 * machine's clock while it ran ahead, by hand, or copied from elsewhere. Such a stream reads nothing until
 * Intercom's clock passes it, and the run then moves the cursor back to its bound, so whatever changed between the
 * last real sync and that bound is never read. The run goes on; the warning says how to read it again.
 * @example
 * for (const { stream, message } of futureCursors(store, ["contacts"], intercomNow, { name: "the state file s.json", flags: "--state s.json" })) warn(stream, message);
 */
import type { StateStore, StreamProgress } from "./state-store.ts";

/** Where a run's state lives, as messages name it: what to call it, and the flags `state reset` needs to find it. */
export interface StateLocation {
  /** e.g. "the state file intercom-sync.state.json", "the database intercom.db". */
  name: string;
  /** e.g. "--state intercom-sync.state.json", "--sqlite intercom.db". */
  flags: string;
}

const CURSOR_FIELDS = ["cursor", "deletedCursor"] as const satisfies readonly (keyof StreamProgress)[];

/** One warning per stream whose latest saved cursor is after `intercomNow` (unix seconds). */
export function futureCursors(
  store: StateStore,
  streams: readonly string[],
  intercomNow: number,
  location?: StateLocation,
): { stream: string; message: string }[] {
  const warnings: { stream: string; message: string }[] = [];
  for (const stream of streams) {
    const progress = store.get(stream);
    const latest = Math.max(...CURSOR_FIELDS.map((field) => progress?.[field] ?? -Infinity));
    if (!(latest > intercomNow)) continue;
    const where = location ? `, in ${location.name},` : "";
    // Without a location (Airbyte, Singer, library use) the state came from the caller, which knows how to reset it.
    const fix = location
      ? `with \`intercom-sync state reset --streams ${stream} ${location.flags}\` (then the next run reads it from --since or the beginning) or with --full-refresh`
      : "by resetting this stream's saved state, or with a full refresh";
    warnings.push({
      stream,
      message: `its saved cursor${where} is ${iso(latest)}, later than Intercom's clock (${iso(intercomNow)}): this run reads ` +
        `nothing new for it, and what changed since its last real sync may never be read. Read it again ${fix}`,
    });
  }
  return warnings;
}

function iso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, "Z");
}
