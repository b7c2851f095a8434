/** Where a report stream's export starts and how it is cut into windows. */
import { expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type ReportPassContext, reportStart, reportWindows } from "../../src/engine/reports/report-pass.ts";
import { REPORT_RETENTION_SECONDS } from "../../src/engine/reports/report-settings.ts";

const DAY = 86_400;
const NOW = 1_767_225_600 + 13 * 3600; // 2026-01-01T13:00Z

function context(extra: Partial<ReportPassContext> = {}) {
  const warnings: string[] = [];
  const ctx = {
    store: memoryStateStore(),
    now: NOW,
    bound: NOW,
    fullRefresh: false,
    windowDays: 1,
    reexportDays: 7,
    warn: (_stream: string, message: string) => warnings.push(message),
    ...extra,
  } as unknown as ReportPassContext;
  return { ctx, warnings };
}

test("windows are whole UTC days (the first from --since, the last up to the bound)", () => {
  expect(reportWindows(NOW - 2 * DAY - 3600, NOW, 1)).toEqual([
    { start: NOW - 2 * DAY - 3600, end: NOW - 2 * DAY - 13 * 3600 + DAY },
    { start: NOW - 13 * 3600 - DAY, end: NOW - 13 * 3600 },
    { start: NOW - 13 * 3600, end: NOW },
  ]);
  expect(reportWindows(NOW, NOW, 1)).toEqual([]);
});

test("a first run starts at the day of --since, clamped to the reporting retention with a warning", () => {
  const { ctx, warnings } = context({ since: NOW - 3 * 365 * DAY });
  expect(reportStart("report_conversation", ctx)).toBe(NOW - REPORT_RETENTION_SECONDS);
  expect(warnings[0]).toContain("retention");
  const recent = context({ since: NOW - 5 * DAY });
  // The whole day: a window exported again later has the same start, --since given or not.
  expect(reportStart("report_conversation", recent.ctx)).toBe(NOW - 13 * 3600 - 5 * DAY);
  expect(recent.warnings).toEqual([]);
});

test("a later run starts at the cursor less the re-export days, on a day boundary, never before the day of --since", () => {
  const { ctx } = context();
  ctx.store.update("report_conversation", { cursor: NOW - DAY });
  expect(reportStart("report_conversation", ctx)).toBe(NOW - 13 * 3600 - 8 * DAY);
  const since = context({ since: NOW - 3 * DAY });
  since.ctx.store.update("report_conversation", { cursor: NOW - DAY });
  expect(reportStart("report_conversation", since.ctx)).toBe(NOW - 13 * 3600 - 3 * DAY);
  const full = context({ fullRefresh: true, since: NOW - 20 * DAY });
  full.ctx.store.update("report_conversation", { cursor: NOW - DAY });
  expect(reportStart("report_conversation", full.ctx)).toBe(NOW - 13 * 3600 - 20 * DAY);
});
