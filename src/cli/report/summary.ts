/** The table a run ends with: per stream records, requests, retries, rate-limit hits, time and outcome. */
import { CancelledError } from "../../errors.ts";
import type { SyncResult } from "../../engine/run-sync.ts";
import type { Logger } from "./logger.ts";

/**
 * The caller prints `result.fatal` itself, once; nothing here repeats it. A failure that stopped everything
 * (bad token, revoked app) gets no table: at most one line of what was saved before it.
 */
export function printSummary(result: SyncResult, logger: Logger): void {
  const fatal = result.fatal;
  const stoppedByFailure = fatal !== undefined && !(fatal instanceof CancelledError);
  if (logger.options.format === "json") {
    logger.info("summary", {
      event: "summary",
      outcome: result.outcome,
      durationMs: result.endedAt - result.startedAt,
      streams: result.streams.map((stream) => ({
        stream: stream.name,
        outcome: stream.outcome,
        records: stream.records,
        ...(stream.deleted ? { deleted: stream.deleted } : {}),
        skipped: stream.skipped,
        // How many of the records were checked against the schema (a sample past each stream's first pages).
        checked: stream.checked,
        warnings: stream.warnings.length,
        ...result.http.byStream[stream.name],
        error: stream.error === fatal ? undefined : stream.error?.message,
      })),
      http: {
        requests: result.http.requests,
        retries: result.http.retries,
        rateLimited: result.http.rateLimited,
        rateLimitWaitMs: Math.round(result.http.rateLimitWaitMs),
        backoffMs: Math.round(result.http.backoffMs),
        scrollWaitMs: Math.round(result.http.scrollWaitMs),
      },
      mismatches: result.mismatches,
    });
    return;
  }
  // Stopped (a signal, the time limit) before any stream began: a table of idle streams would say nothing.
  const nothingStarted = result.streams.every((stream) => stream.records === 0 && !result.http.byStream[stream.name]?.requests);
  if (fatal !== undefined && nothingStarted) return;
  if (stoppedByFailure) {
    const saved = result.streams.filter((stream) => stream.records > 0);
    if (saved.length > 0) {
      const records = saved.reduce((sum, stream) => sum + stream.records, 0);
      logger.info(`stopped: ${records} records of ${saved.map((stream) => stream.name).join(", ")} were written and saved before the failure`);
    }
    return;
  }
  const rows = result.streams.map((stream) => {
    const http = result.http.byStream[stream.name];
    return [
      stream.name,
      stream.outcome,
      String(stream.records),
      String(http?.requests ?? 0),
      String(http?.retries ?? 0),
      String(http?.rateLimited ?? 0),
      `${(stream.durationMs / 1000).toFixed(1)}s`,
      [
        stream.deleted ? `${stream.deleted} deleted` : "",
        stream.skipped ? `${stream.skipped} skipped` : stream.warnings.length ? `${stream.warnings.length} warnings` : "",
      ].filter((note) => note !== "").join(", "),
    ];
  });
  const header = ["stream", "outcome", "records", "requests", "retries", "429s", "time", "notes"];
  logger.info(table([header, ...rows]));
  const seconds = ((result.endedAt - result.startedAt) / 1000).toFixed(1);
  logger.info(
    `${result.outcome} in ${seconds}s: ${result.http.requests} requests, ${result.http.retries} retries, ` +
      `${result.http.rateLimited} answered 429${describeWaits(result.http)}`,
  );
  // Streams read in one pass share their error: one line names them all.
  const failedBy = new Map<string, string[]>();
  for (const stream of result.streams) {
    if (stream.outcome !== "failed" || !stream.error || stream.error === fatal) continue;
    failedBy.set(stream.error.message, [...(failedBy.get(stream.error.message) ?? []), stream.name]);
  }
  for (const [message, streams] of failedBy) logger.error(`${streams.join(", ")}: ${message}`);
  if (result.mismatches.length > 0) {
    // Counted among the records checked: all of each stream's first pages, then a sample (see the README).
    const checked = result.streams.reduce((sum, stream) => sum + (stream.checked ?? stream.records), 0);
    const records = result.streams.reduce((sum, stream) => sum + stream.records, 0);
    logger.warn(`records that differ from the schema (written anyway; see schemas/; ${checked} of ${records} records checked):`);
    logger.info(
      table([
        ["stream", "field", "expected", "received", "records"],
        ...result.mismatches.map((row) => [row.stream, row.field, row.expected, row.received, String(row.count)]),
      ]),
    );
  }
}

/** Each kind of waiting apart, as each has its own cause and fix; nothing when the run never waited. */
function describeWaits(http: SyncResult["http"]): string {
  const waits = [
    [http.rateLimitWaitMs, "for the rate limit"],
    [http.backoffMs, "backing off before retries"],
    [http.scrollWaitMs, "for the company scroll"],
  ] as const;
  const spent = waits.filter(([ms]) => ms >= 50).map(([ms, what]) => `${(ms / 1000).toFixed(1)}s ${what}`);
  return spent.length === 0 ? "" : `; waited ${spent.join(", ")}`;
}

export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? "").length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd()).join("\n");
}
