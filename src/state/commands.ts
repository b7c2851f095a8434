/**
 * The pure halves of `intercom-sync state show|reset [--streams a,b]`: the CLI reads the file, calls these, and
 * prints or saves the result.
 *
 * @example
 * console.log(formatState(state, { streams: catalogNames }));
 * await saveState(path, resetStreams(state, ["contacts"]));
 */
import type { StreamState, StreamWindow, SyncState } from "./schema.ts";

/** What a row shows of a read: the stream's own progress, or its progress on a further parent's pass. */
type ParentProgress = Omit<StreamState, "parents">;

export interface FormatOptions {
  /** Also list these streams (e.g. the whole catalog), even those the state knows nothing about yet. */
  streams?: readonly string[];
}

const NONE = "-";
const MAX_POSITION = 40;

/**
 * A readable summary: the workspace, the last run, and one table row per stream (cursor as ISO date and unix
 * seconds, the window in progress, last synced, outcome), plus one per further parent a stream is read on
 * (`custom_object_instances via tickets`), followed by the errors of failed streams.
 */
export function formatState(state: SyncState, options: FormatOptions = {}): string {
  const { workspace, lastRun } = state;
  const bound = workspace.baseUrl === undefined && workspace.appId === undefined ? "none yet (the next run binds it)" : undefined;
  const lines = [`Workspace: ${bound ?? `${workspace.baseUrl ?? "-"}${workspace.appId === undefined ? "" : ` (app ${workspace.appId})`}`}`];
  if (lastRun === undefined) {
    lines.push("Last run:  never");
  } else {
    const end = lastRun.endedAt === undefined ? "" : ` - ${iso(lastRun.endedAt)}`;
    // A "running" run on disk may as well have been killed: only the lock can tell, and show does not take it.
    const outcome = lastRun.outcome === "running" ? "running, or killed before it finished" : lastRun.outcome;
    lines.push(`Last run:  ${iso(lastRun.startedAt)}${end}, ${outcome} (intercom-sync ${lastRun.toolVersion})`);
  }
  lines.push("");

  const names = [...new Set([...(options.streams ?? []), ...Object.keys(state.streams)])].sort();
  if (names.length === 0) {
    lines.push("No stream has been synced yet: the next run exports everything (or from --since).");
    return `${lines.join("\n")}\n`;
  }
  const header = ["stream", "cursor", "windows in progress", "last synced", "outcome"];
  // A stream read on several parents' passes (custom object instances) has a row per further parent, as each
  // parent's read resumes and moves on its own: the stream's own row is its first parent's read.
  const reads = names.flatMap((name) => [
    { label: name, progress: state.streams[name] },
    ...Object.entries(state.streams[name]?.parents ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([parent, progress]) => ({
      label: `${name} via ${parent}`,
      progress,
    })),
  ]);
  const rows = reads.map(({ label, progress }) => row(label, progress));
  lines.push(...table([header, ...rows]));

  const errors = reads.flatMap(({ label, progress }) => progress?.error === undefined ? [] : [`  ${label}: ${progress.error}`]);
  if (errors.length > 0) lines.push("", "Errors:", ...errors);
  return `${lines.join("\n")}\n`;
}

/**
 * Forget the cursors, windows and outcomes of `streams` (all streams when omitted), so their next run starts
 * from scratch (or from --since). Resetting every stream also clears the workspace binding: the next run binds
 * the file to the workspace it reaches. Names the state does not know are ignored; the CLI checks them against
 * the catalog. Returns a new state; `state` is not modified.
 */
export function resetStreams(state: SyncState, streams?: readonly string[]): SyncState {
  if (streams === undefined) return { ...state, workspace: {}, streams: {} };
  const drop = new Set(streams);
  const kept = Object.entries(state.streams).filter(([name]) => !drop.has(name));
  return { ...state, streams: Object.fromEntries(kept) };
}

function row(name: string, stream: ParentProgress | undefined): string[] {
  if (stream === undefined) return [name, "never synced", NONE, NONE, NONE];
  return [
    name,
    stream.cursor === undefined ? NONE : `${iso(stream.cursor)} (${stream.cursor})`,
    describeWindows(stream.windows),
    stream.lastSyncedAt === undefined ? NONE : iso(stream.lastSyncedAt),
    stream.outcome ?? NONE,
  ];
}

function describeWindows(windows: StreamWindow[] | undefined): string {
  const open = windows?.filter((window) => !window.done) ?? [];
  if (open.length === 0) return NONE;
  const more = open.length > 1 ? ` (+${open.length - 1} more)` : "";
  return `${describeWindow(open[0]!)}${more}`;
}

function describeWindow(window: StreamWindow): string {
  const range = `${iso(window.start)} .. ${iso(window.end)}`;
  if (window.position === undefined) return `${range}, first page`;
  const position = window.position.length > MAX_POSITION ? `${window.position.slice(0, MAX_POSITION - 3)}...` : window.position;
  return `${range}, next page ${position}`;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((cells) => (cells[column] ?? "").length)));
  return rows.map((cells) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join("  ")
      .trimEnd()
  );
}

// Seconds precision, like the cursors themselves.
function iso(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
