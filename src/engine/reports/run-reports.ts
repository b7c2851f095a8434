/**
 * The report streams within a sync run: discovered once the workspace answered, then each run beside the other
 * passes on the run's client (its rate budget, retries and concurrency), writing through the run's commit.
 */
import { realClock } from "../../http/clock.ts";
import type { Pass, PassContext } from "../pass.ts";
import { heldJobs, REUSE_MAX_AGE_MS, withJobHeld, withWindowWritten } from "./held-jobs.ts";
import { JobSlots } from "./job-slots.ts";
import { DEFAULT_REPORT_JOB_SETTINGS } from "./report-job.ts";
import { runReportStream } from "./report-pass.ts";
import { REPORT_DEFAULTS, type ReportRunOptions, reportVersion } from "./report-settings.ts";
import { discoverReports, type ReportStream } from "./report-streams.ts";

export interface ReportStreamsRun {
  streams: ReportStream[];
  run(stream: ReportStream): Promise<void>;
}

export async function prepareReportStreams(
  context: PassContext,
  options: ReportRunOptions,
  signal: AbortSignal,
  note: (message: string) => void,
): Promise<ReportStreamsRun> {
  const runVersion = context.options.intercomVersion;
  const version = reportVersion(runVersion);
  if (version !== runVersion) {
    note(
      `report streams ask Intercom-Version ${version} on their own requests (the rest of the run stays on ${runVersion}): ` +
        "the reporting export exists from 2.14, and 2.16 also counts conversations that never had a customer reply and takes qualified attribute ids",
    );
  }
  const { streams, timeZone } = await discoverReports(context.client, options, version, signal);
  const slots = new JobSlots(options.pendingJobs ?? REPORT_DEFAULTS.pendingJobs);
  const settings = { ...DEFAULT_REPORT_JOB_SETTINGS, ...options.jobs };
  return {
    streams,
    run: (stream) =>
      runReportStream(stream, {
        job: {
          client: context.client,
          intercomVersion: version,
          slots,
          clock: realClock,
          settings,
          signal,
          // Said under --verbose, with the HTTP layer's waits and retries.
          log: (message) => context.onHttpEvent?.({ kind: "report-job", message }),
        },
        store: context.store,
        timeZone,
        bound: context.bound,
        now: context.nowSeconds(),
        since: context.options.since,
        fullRefresh: context.options.fullRefresh,
        windowDays: options.windowDays ?? REPORT_DEFAULTS.windowDays,
        reexportDays: options.reexportDays ?? REPORT_DEFAULTS.reexportDays,
        warn: context.warn,
        rowsPerWrite: options.rowsPerWrite ?? REPORT_DEFAULTS.rowsPerWrite,
        // A window's chunks are a pass of their own: an output holds them until the window's last chunk (and
        // drops them if it never comes), whatever the stream's other windows and jobs write meanwhile.
        stage: (report, rows, window) => context.commit(windowPass(report, window), [{ stream: report.name, records: rows, staged: true }]),
        commit: (report, rows, window) =>
          context.commit(
            windowPass(report, window),
            [{ stream: report.name, records: rows, replaces: [{ key: { _window_start: window.start }, at: context.nowSeconds() }] }],
            // Computed when the rows are durable: other windows' jobs may have been recorded meanwhile.
            {
              apply: () => ({ cursor: window.end, reportJobs: orNone(withWindowWritten(heldJobs(context.store.get(report.name)), window)) }),
              undo() {},
            },
          ),
        holdJob: (report, job) =>
          context.commit(passOf(report), [], {
            apply: () => ({ reportJobs: withJobHeld(heldJobs(context.store.get(report.name)), job, REUSE_MAX_AGE_MS) }),
            undo() {},
          }),
      }),
  };
}

/** The run's commit names a pass; a report stream is a pass of its own. */
function passOf(report: ReportStream, name = report.name): Pass {
  return { root: { name }, emitRoot: true, children: [], streams: [report.name] } as unknown as Pass;
}

function windowPass(report: ReportStream, window: { start: number }): Pass {
  return passOf(report, `${report.name}@${window.start}`);
}

/** An empty list is left out of the state rather than saved. */
function orNone<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}
