/**
 * The report streams within a sync run: discovered once the workspace answered, then each run beside the other
 * passes on the run's client (its rate budget, retries and concurrency), writing through the run's commit.
 */
import { realClock } from "../../http/clock.ts";
import type { Pass, PassContext } from "../pass.ts";
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
        job: { client: context.client, intercomVersion: version, slots, clock: realClock, settings, signal },
        store: context.store,
        timeZone,
        bound: context.bound,
        now: context.nowSeconds(),
        since: context.options.since,
        fullRefresh: context.options.fullRefresh,
        windowDays: options.windowDays ?? REPORT_DEFAULTS.windowDays,
        reexportDays: options.reexportDays ?? REPORT_DEFAULTS.reexportDays,
        warn: context.warn,
        commit: (report, rows, window) =>
          context.commit(
            // The run's commit names a pass; a report stream is a pass of its own.
            { root: { name: report.name }, emitRoot: true, children: [], streams: [report.name] } as unknown as Pass,
            [{ stream: report.name, records: rows, replaces: [{ key: { _window_start: window.start }, at: context.nowSeconds() }] }],
            { cursor: window.end },
          ),
      }),
  };
}
