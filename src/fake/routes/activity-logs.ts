/**
 * GET /admins/activity_logs: logs with created_at_after <= created_at <= created_at_before, newest
 * first, 20 per page; `pages.next` is the absolute URL of the next page when there is one.
 */
import type { Rec } from "../context.ts";
import { errorList, json } from "../respond.ts";
import { lowerBound } from "../timeline.ts";
import type { RouteContext } from "./route.ts";

export const ACTIVITY_LOG_PAGE_SIZE = 20;

function timestamp(raw: string | null): number | undefined | null {
  if (raw === null || raw === "") return undefined;
  return /^\d+$/.test(raw) ? Number(raw) : null;
}

export function listActivityLogs({ ws, url, requestId }: RouteContext): Response {
  const params = url.searchParams;
  const after = timestamp(params.get("created_at_after"));
  const before = timestamp(params.get("created_at_before"));
  if (after === undefined) {
    return errorList(400, "parameter_not_found", "Please provide the following parameters: created_at_after", requestId);
  }
  if (after === null || before === null) {
    return errorList(400, "parameter_invalid", "created_at_after and created_at_before must be UNIX timestamps", requestId);
  }
  const pageParam = params.get("page");
  const page = pageParam === null ? 1 : Number(pageParam);
  if (!Number.isInteger(page) || page < 1) return errorList(400, "parameter_invalid", "page must be a positive integer", requestId);

  // Log times never decrease with the index, so the window is a binary search.
  const count = ws.activityLogCount();
  const time = (i: number) => ws.activityLogTime(i);
  const lo = lowerBound(0, count, time, after);
  const hi = before === undefined ? count : lowerBound(0, count, time, before + 1);
  const total = Math.max(0, hi - lo);
  const first = (page - 1) * ACTIVITY_LOG_PAGE_SIZE;
  const logs: Rec[] = [];
  for (let k = first; k < Math.min(total, first + ACTIVITY_LOG_PAGE_SIZE); k++) logs.push(ws.activityLogAt(hi - 1 - k));
  const totalPages = Math.ceil(total / ACTIVITY_LOG_PAGE_SIZE);
  let next: string | null = null;
  if (page < totalPages) {
    const nextUrl = new URL(url.pathname, url.origin);
    nextUrl.searchParams.set("created_at_after", String(after));
    if (before !== undefined) nextUrl.searchParams.set("created_at_before", String(before));
    nextUrl.searchParams.set("page", String(page + 1));
    next = nextUrl.toString();
  }
  return json({
    type: "activity_log.list",
    pages: { type: "pages", next, page, per_page: ACTIVITY_LOG_PAGE_SIZE, total_pages: totalPages },
    activity_logs: logs,
  });
}
