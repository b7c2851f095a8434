/** GET /companies/scroll and GET /companies/{id}/segments. */
import type { Rec } from "../context.ts";
import { listedCompanies } from "../company-groups.ts";
import { companySegmentIndices, segment } from "../records/segments.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

/** Companies per scroll page. */
export const SCROLL_PAGE_SIZE = 50;

/** Intercom's wording (intercom-ruby issue #292); the code is our choice, the real one is not documented. */
export const SCROLL_EXISTS_MESSAGE = "scroll already exists for this app";
/** Verbatim from the spec's description of /companies/scroll. */
export const SCROLL_RESTART_MESSAGE = "Request failed due to an internal network error. Please restart the scroll operation.";

export function companyScroll({ ws, url, scrolls, faults, requestId }: RouteContext): Response {
  const param = url.searchParams.get("scroll_param");
  let scroll;
  if (!param) {
    const held = faults.scrollHeldUntilMs !== undefined && scrolls.now() < faults.scrollHeldUntilMs;
    if (held || scrolls.live()) return errorList(400, "bad_request", SCROLL_EXISTS_MESSAGE, requestId);
    scroll = scrolls.open();
  } else {
    scroll = scrolls.find(param);
    if (!scroll) return errorList(404, "not_found", "scroll_param not found: the scroll has expired or ended", requestId);
  }
  const restartAfter = faults.scrollRestartAfterPages;
  if (restartAfter !== undefined && scrolls.restartFiredFor !== restartAfter && scroll.pagesServed >= restartAfter) {
    scrolls.restartFiredFor = restartAfter;
    scrolls.close();
    return errorList(500, "server_error", SCROLL_RESTART_MESSAGE, requestId);
  }
  const total = ws.companies.nextIndex();
  const data: Rec[] = [];
  for (let i = scroll.position; i < total && data.length < SCROLL_PAGE_SIZE; i++) {
    const company = ws.companies.current(i);
    if (company) data.push(company);
  }
  scroll.position += data.length;
  scroll.pagesServed++;
  scrolls.touch(scroll);
  // An empty page is the end: the scroll param expires with it.
  if (data.length === 0) scrolls.close();
  return json({ type: "list", data, total_count: null, scroll_param: scroll.param });
}

export function companySegments({ ws, params, requestId }: RouteContext): Response {
  const id = params[0] ?? "";
  const i = ws.companyIndex(id);
  if (i === undefined) return errorList(404, "company_not_found", "Company Not Found", requestId);
  const data = ws.live("segments", companySegmentIndices(ws.ctx, i).map((s) => segment(ws.ctx, s)));
  return json({ type: "list", data, total_count: data.length });
}

/** GET /companies/{id}: one company as the list serves it; 404 once it is deleted (verify asks when a held one is not listed). */
export function getCompany({ ws, params, requestId }: RouteContext): Response {
  const i = ws.companyIndex(params[0] ?? "");
  const company = i === undefined ? undefined : ws.companies.current(i);
  if (company === undefined) return errorList(404, "company_not_found", "Company Not Found", requestId);
  return json(company);
}

/**
 * GET /companies: page-number pages (`page`, `per_page`, default 15, at most 150), newest index last. Filtered by
 * `segment_id` or `tag_id`, it lists only companies with users, and none past `companyListCap` (total_count
 * still counts them all), as Intercom documents for its company list. A `segment_id` that names no segment (one
 * deleted, e.g. between GET /segments and its listing) answers 404.
 */
export function listCompanies({ ws, url, requestId }: RouteContext): Response {
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "15");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 150) {
    return errorList(400, "parameter_invalid", "page must be ≥ 1 and per_page between 1 and 150", requestId);
  }
  const segmentId = url.searchParams.get("segment_id") ?? undefined;
  const tagId = url.searchParams.get("tag_id") ?? undefined;
  if (segmentId !== undefined && ![...ws.records("segments")].some((record) => String(record.id) === segmentId)) {
    return errorList(404, "not_found", "Segment Not Found", requestId);
  }
  if (segmentId !== undefined || tagId !== undefined) {
    const listed = listedCompanies(ws, { segmentId, tagId });
    const served = listed.slice(0, ws.ctx.sizes.companyListCap);
    const data = served.slice((page - 1) * perPage, page * perPage).map((i) => ws.companies.current(i) as Rec);
    return companyPage(data, page, perPage, served.length, listed.length);
  }
  const all: Rec[] = [];
  const total = ws.companies.nextIndex();
  for (let i = 0; i < total; i++) {
    const company = ws.companies.current(i);
    if (company) all.push(company);
  }
  return companyPage(all.slice((page - 1) * perPage, page * perPage), page, perPage, all.length, all.length);
}

function companyPage(data: Rec[], page: number, perPage: number, served: number, totalCount: number): Response {
  const totalPages = Math.max(1, Math.ceil(served / perPage));
  return json({
    type: "list",
    data,
    pages: { type: "pages", page, per_page: perPage, total_pages: totalPages, next: null },
    total_count: totalCount,
  });
}
