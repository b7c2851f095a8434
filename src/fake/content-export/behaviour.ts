/** How the fake's Content Data Export jobs behave; tests set `fake.faults.contentExport`, counters count down. */
export interface FakeContentExportBehaviour {
  /**
   * The download: a gzipped CSV of the receipts (as the description documents), a zip of one CSV per statistic (as
   * clients in the wild receive), or that zip gzipped ("a gzipped folder", Intercom's older docs).
   */
  format: "gzip" | "zip" | "gzipped-zip";
  /** Status polls a job answers `pending` (then `in_progress`) before it is completed. */
  pendingPolls: number;
  /** The next N enqueues are answered 429: another tool's job is pending (Intercom allows one per workspace). */
  busyEnqueues: number;
  /** The next N jobs enqueued end `failed`. */
  failNext: number;
  /** The next N downloads of a completed job answer 404, as one past its two days does. */
  expireNext: number;
}

export const DEFAULT_CONTENT_EXPORT_BEHAVIOUR: FakeContentExportBehaviour = {
  // What clients in the wild receive, with every statistic's file (content_events).
  format: "zip",
  pendingPolls: 1,
  busyEnqueues: 0,
  failNext: 0,
  expireNext: 0,
};
