/**
 * One report stream of a run: its time windows (from the saved cursor less the re-export days, or --since
 * clamped to retention, up to the run's bound), a job per window run side by side within the run's job slots,
 * each window's rows written in order, handed to the output in chunks as the file is read (constant memory) and
 * made to replace the window's earlier rows all at once with the last chunk, the cursor moved to the window's end
 * only with it.
 */
import { MalformedPageError } from "../../errors.ts";
import type { JsonRecord } from "../../sinks/types.ts";
import type { StateStore } from "../state-store.ts";
import { type HeldJob, heldJobs, reusableJob, REUSE_MAX_AGE_MS } from "./held-jobs.ts";
import { type ReportJobContext, runReportJobInTurn } from "./report-job.ts";
import { reportRecords } from "./report-file.ts";
import { mapHeader, type ReportColumn, typedRow } from "./report-rows.ts";
import { REPORT_RETENTION_SECONDS } from "./report-settings.ts";
import type { ReportStream } from "./report-streams.ts";

const DAY = 86_400;

export interface ReportWindow {
  start: number;
  end: number;
}

export interface ReportPassContext {
  job: Omit<ReportJobContext, "stream">;
  store: StateStore;
  timeZone: string;
  /** Unix seconds: the run's upper bound; the last window ends here. */
  bound: number;
  /** Unix seconds, Intercom's now: retention is counted back from it. */
  now: number;
  since?: number;
  fullRefresh: boolean;
  windowDays: number;
  reexportDays: number;
  /** Rows handed to the output at a time (`stage`, then `commit`). */
  rowsPerWrite: number;
  warn(stream: string, message: string): void;
  /** Hands over a chunk of a window's rows, to be written with the window's last chunk (`commit`) and not before. */
  stage(stream: ReportStream, rows: JsonRecord[], window: ReportWindow): Promise<void>;
  /**
   * Writes a window's last chunk and every chunk staged before it, replacing what the window held, and moves the
   * cursor to its end with them (and drops the window's held job).
   */
  commit(stream: ReportStream, rows: JsonRecord[], window: ReportWindow): Promise<void>;
  /** Records a job just enqueued in the stream's state, durably (held-jobs.ts). */
  holdJob(stream: ReportStream, job: HeldJob): Promise<void>;
}

/** Windows of `windowDays` aligned to whole UTC days from the epoch, from `from` to `bound`. */
export function reportWindows(from: number, bound: number, windowDays: number): ReportWindow[] {
  const size = windowDays * DAY;
  const windows: ReportWindow[] = [];
  for (let start = from; start < bound;) {
    const end = Math.min(Math.floor(start / size) * size + size, bound);
    windows.push({ start, end });
    start = end;
  }
  return windows;
}

/** Where this run's export of a stream starts. */
export function reportStart(stream: string, context: ReportPassContext): number {
  const retention = context.now - REPORT_RETENTION_SECONDS;
  const saved = context.fullRefresh ? undefined : context.store.get(stream)?.cursor;
  const size = context.windowDays * DAY;
  // Windows always start on the grid of whole window sizes from the epoch, so a window exported again has the
  // same _window_start as before, whatever --since said, and replaces it.
  const aligned = (t: number) => Math.floor(t / size) * size;
  const since = context.since === undefined ? undefined : aligned(context.since);
  let from: number;
  if (saved !== undefined) {
    // Recent metrics (handling time, SLA outcomes) settle only once conversations close: export those days again
    // (never before --since, which bounds what the export holds).
    from = Math.max(aligned(saved - context.reexportDays * DAY), since ?? 0);
  } else {
    from = since ?? retention;
    if (since !== undefined && since < retention) {
      context.warn(
        stream,
        `--since is before Intercom's reporting retention (2 years); the export starts at ${new Date(retention * 1000).toISOString()} instead`,
      );
    }
  }
  return Math.max(from, retention);
}

export async function runReportStream(stream: ReportStream, context: ReportPassContext): Promise<void> {
  const windows = reportWindows(reportStart(stream.name, context), context.bound, context.windowDays);
  // The jobs an earlier (killed) run left, as the run found them: this run's own are never re-used.
  const earlier = heldJobs(context.store.get(stream.name));
  const job: ReportJobContext = {
    ...context.job,
    stream: stream.name,
    held: {
      reusable: (request) => reusableJob(earlier, request, context.job.clock.now(), REUSE_MAX_AGE_MS),
      record: (held) => context.holdJob(stream, held),
    },
  };
  // Jobs run ahead of the window being written, but no further than the slots can use.
  const ahead = context.job.slots.size + 1;
  let turn: Promise<unknown> = Promise.resolve();
  let failure: unknown;
  const inFlight: Promise<void>[] = [];
  for (const window of windows) {
    if (failure !== undefined || context.job.signal?.aborted) break;
    const request = { datasetId: stream.dataset.id, attributeIds: stream.attributeIds, ...window };
    const done = runReportJobInTurn(request, job, turn, ({ jobId, response }) => writeWindow(stream, jobId, response, window, context));
    turn = done;
    inFlight.push(
      done.then(
        () => undefined,
        (error: unknown) => {
          failure ??= error;
        },
      ),
    );
    if (inFlight.length >= ahead) await inFlight.shift();
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
}

/** Reads a window's file and writes its rows as they come, at most `rowsPerWrite` held at a time. */
async function writeWindow(stream: ReportStream, jobId: string, response: Response, window: ReportWindow, context: ReportPassContext): Promise<void> {
  if (!response.body) throw new MalformedPageError(stream.name, `the reporting export file of job ${jobId} is empty (not even a header)`);
  let columns: ReportColumn[] | undefined;
  let chunk: JsonRecord[] = [];
  let row = 0;
  const rowContext = { stream: stream.name, jobId, timeZone: context.timeZone, window };
  for await (const cells of reportRecords(response.body, stream.name, jobId)) {
    if (!columns) {
      columns = mapHeader(cells, stream.dataset, stream.attributes);
      continue;
    }
    chunk.push({ ...typedRow(columns, cells, rowContext), _row: ++row });
    if (chunk.length >= context.rowsPerWrite) {
      await context.stage(stream, chunk, window);
      chunk = [];
    }
  }
  if (!columns) throw new MalformedPageError(stream.name, `the reporting export file of job ${jobId} is empty (not even a header)`);
  await context.commit(stream, chunk, window);
}
