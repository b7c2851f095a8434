/** How the fake's reporting export jobs behave; tests set `fake.faults.reports` and may change it mid-run. */
import type { ReportLanguage } from "./labels.ts";

export interface FakeReportBehaviour {
  /** Pending jobs a workspace may hold (Intercom: 5); the next enqueue gets 429. */
  maxPending: number;
  /** Wall-clock ms a job stays pending after it is enqueued (a real one takes seconds to minutes). */
  jobMs: number;
  /** The next N jobs enqueued end `failed` (counted down as they are enqueued). */
  failNext: number;
  /** Jobs another tool holds pending in the workspace, counted against maxPending until `othersUntilMs`. */
  othersPending: number;
  /** Wall-clock ms when the other tool's jobs complete. */
  othersUntilMs: number;
  /** Whether a download is announced with `Content-Encoding: gzip` (it is gzip either way). */
  gzipHeader: "always" | "never" | "alternate";
  /** Whether the CSV starts with a byte order mark. */
  bom: boolean;
  /** How long a completed job's download stays available (then 404). */
  downloadTtlMs: number;
  /** The workspace's language, which the labels are written in. */
  language: ReportLanguage;
}

export const DEFAULT_REPORT_BEHAVIOUR: FakeReportBehaviour = {
  maxPending: 5,
  jobMs: 0,
  failNext: 0,
  othersPending: 0,
  othersUntilMs: 0,
  gzipHeader: "alternate",
  bom: true,
  downloadTtlMs: 3_600_000,
  language: "en",
};
