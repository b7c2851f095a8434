/**
 * A pass reads one root stream once and feeds every selected stream that hangs off it: conversations and
 * conversation_parts share one search, companies and company_segments one scroll. A child selected alone
 * still needs its parent's pass; the parent's records are then read but not emitted.
 */
import type { ApiVersion } from "../api-versions.ts";
import type { ApiClient, HttpEvent } from "../http/types.ts";
import { streamByName } from "../streams/catalog.ts";
import type { Page } from "../sinks/types.ts";
import { isChildRead, isRootStream, parentStreams, type RootStream, type StreamDefinition } from "../streams/types.ts";
import type { KeyStore } from "./deletions/key-store.ts";
import type { ReportJobSettings } from "./reports/report-job.ts";
import type { StateStore, StreamProgress, WindowProgress } from "./state-store.ts";

export interface Pass {
  root: RootStream;
  emitRoot: boolean;
  children: StreamDefinition[];
  /**
   * Every selected stream this pass serves; they share progress (a child of several parents: its progress under
   * this pass's parent, parent-progress.ts).
   */
  streams: string[];
}

export function planPasses(selected: readonly StreamDefinition[]): Pass[] {
  const passes = new Map<string, Pass>();
  for (const stream of selected) {
    // A child of references may hang off further parents too: it is then read on each parent's pass.
    const parents = isChildRead(stream.read) ? parentStreams(stream.read) : [stream.parent?.stream];
    for (const parent of parents) {
      const root = parent !== undefined ? streamByName(parent) : stream;
      if (!root) throw new Error(`stream ${stream.name} names an unknown parent`);
      if (!isRootStream(root)) throw new Error(`stream ${root.name} is a child and cannot be read on its own`);
      const pass = passes.get(root.name) ?? { root, emitRoot: false, children: [], streams: [] };
      if (stream === root) pass.emitRoot = true;
      else pass.children.push(stream);
      passes.set(root.name, pass);
    }
  }
  for (const pass of passes.values()) {
    pass.streams = [...(pass.emitRoot ? [pass.root.name] : []), ...pass.children.map((child) => child.name)];
  }
  return [...passes.values()];
}

export interface PassOptions {
  /** Unix seconds: bounds the first run; later runs start from saved cursors. */
  since?: number;
  lookbackDays: number;
  fullRefresh: boolean;
  windowDays: number;
  activityLogsWindowDays: number;
  perPage: number;
  /** Parallel child requests per pass (conversation parts, company segments). */
  childConcurrency: number;
  /** Time windows of one search or activity-log pass read side by side. */
  windowConcurrency: number;
  /** The run's Intercom-Version: a stream with `readOn` reads what this version serves (streams/versioned.ts). */
  intercomVersion: ApiVersion;
  /**
   * How membership streams (company_segments) are read: "listing" (the default) lists each group's members and
   * reads one by one only the parents a listing may miss; "per-parent" reads every parent's groups, one request
   * per parent (the code path before; kept for comparison: bench/incremental.ts).
   */
  membershipRead?: "listing" | "per-parent";
  /**
   * Streams read whole whose records are written only when the last complete read did not see them, or when
   * their cursor field moved since the stream's saved cursor (deletions/new-since-last-read.ts): company_segments
   * asked incrementally by a protocol. Empty by default: every record read is written.
   */
  newRecordsOnly?: ReadonlySet<string>;
  /**
   * The types of a child of references read whole (References.whole), e.g. ["Order"] from --custom-object-types;
   * other types are read by reference. None by default.
   */
  wholeTypes?: readonly string[];
  /** Leave internal notes out of conversation and ticket transcripts (else they are in, labelled as internal). Default false. */
  omitInternalNotes?: boolean;
  /** How long to wait for, and how often to retry, a company scroll someone else holds. Defaults: 5 min, 5 s. */
  scrollWaitMs?: number;
  scrollPollMs?: number;
  /**
   * How export jobs (the Content Data Export) are polled and retried, and how many rows of a download are handed
   * to the output at a time; the reporting export's defaults otherwise.
   */
  exportJobs?: Partial<ReportJobSettings> & { rowsPerWrite?: number };
}

/**
 * The progress a batch completes, for every stream of its pass: a fixed patch, or one computed when the batch is
 * durable (windows read side by side each add to one picture; computing it late means a slower write can never
 * put back an older picture over a newer one). `undo` reverts `apply` when the write then fails.
 */
export type ProgressStep = Partial<StreamProgress> | { apply(): Partial<StreamProgress>; undo(): void };

/** Everything a pass runner needs; built once per run by runSync. */
export interface PassContext {
  client: ApiClient;
  store: StateStore;
  options: PassOptions;
  /** Unix seconds: this run reads nothing updated at or after it (now minus the search lag). */
  bound: number;
  nowSeconds(): number;
  /** Unix seconds when the run started: the `deleted_at` of what a complete read finds gone. Default nowSeconds(). */
  runStartedAt?: number;
  /** The workspace's inbox, for the documents' URLs: its origin in the region the run reads, and the app id (GET /me). */
  app?: { origin: string; appId: string };
  /** Where an earlier version kept long key lists of complete reads (deletions/key-store.ts). Default: in memory. */
  keys?: KeyStore;
  signal: AbortSignal;
  /**
   * Hand pages to the output together with the progress they complete (`patch`, applied to every stream of the
   * pass). The state never gets ahead of the output: the patch is applied only once the pages are durable. A
   * batch without a patch is written but moves no cursor.
   */
  commit(pass: Pass, pages: readonly Page[], progress?: ProgressStep): Promise<void>;
  warn(stream: string, message: string): void;
  /** A record that vanished before it could be read: counted, and logged with `detail` under --verbose. */
  countSkipped(stream: string, detail: string): void;
  /** Retries, waits and scroll events, for --verbose and the summary. */
  onHttpEvent?: (event: HttpEvent) => void;
}

const DAY = 86_400;

function progressOf(context: PassContext, stream: string): StreamProgress | undefined {
  return context.options.fullRefresh ? undefined : context.store.get(stream);
}

/** Where a stream's reading starts: its cursor moved back by the lookback, else --since, else the beginning. */
export function streamStart(context: PassContext, stream: string): number | undefined {
  const cursor = progressOf(context, stream)?.cursor;
  if (cursor !== undefined) return Math.max(0, cursor - context.options.lookbackDays * DAY);
  return context.options.since;
}

/** The earliest start among the pass's streams (undefined: read from the beginning). */
export function passStart(context: PassContext, pass: Pass): number | undefined {
  let start: number | undefined;
  for (const stream of pass.streams) {
    const value = streamStart(context, stream);
    if (value === undefined) return undefined;
    start = start === undefined ? value : Math.min(start, value);
  }
  return start;
}

/** The windows a killed run left open, when every stream of the pass agrees on them and no lookback asks to go back. */
export function resumableWindows(context: PassContext, pass: Pass): WindowProgress[] | undefined {
  if (context.options.fullRefresh || context.options.lookbackDays > 0) return undefined;
  const saved = pass.streams.map((stream) => progressOf(context, stream)?.windows);
  const first = saved[0];
  if (!first?.length || saved.some((windows) => JSON.stringify(windows) !== JSON.stringify(first))) return undefined;
  return first;
}

/** Write `pages` and record the progress they complete for every stream of the pass, durably. */
export function checkpoint(
  context: PassContext,
  pass: Pass,
  progress: ProgressStep,
  pages: readonly Page[] = [],
): Promise<void> {
  return context.commit(pass, pages, progress);
}

/**
 * Write the pass's last pages and move its streams' cursors to `cursor`; `perStream` adds progress of single
 * streams (what a complete read saw), recorded in the same checkpoint.
 */
export async function completePass(
  context: PassContext,
  pass: Pass,
  cursor: number | undefined,
  pages: readonly Page[] = [],
  perStream: ReadonlyMap<string, Partial<StreamProgress>> = new Map(),
): Promise<void> {
  const common: Partial<StreamProgress> = {
    cursor,
    windows: undefined,
    lastSyncedAt: context.nowSeconds(),
    outcome: "ok",
    error: undefined,
  };
  await checkpoint(context, pass, perStream.size === 0 ? common : withPerStream(context.store, common, perStream), pages);
}

/** A progress step that also applies each stream's own patch, and puts back what it replaced on undo. */
export function withPerStream(
  store: StateStore,
  common: Partial<StreamProgress>,
  perStream: ReadonlyMap<string, Partial<StreamProgress>>,
): ProgressStep {
  let before: [string, Partial<StreamProgress>][] = [];
  return {
    apply() {
      before = [...perStream].map(([stream, patch]) => {
        const previous = store.get(stream);
        return [stream, Object.fromEntries(Object.keys(patch).map((key) => [key, previous?.[key as keyof StreamProgress]]))];
      });
      for (const [stream, patch] of perStream) store.update(stream, patch);
      return common;
    },
    undo() {
      for (const [stream, fields] of before) store.update(stream, fields);
    },
  };
}
