/**
 * The page-numbered lists of the Help Center and News APIs: `page` and `per_page` in the query, and
 * `pages: {type, page, per_page, total_pages}` in the answer, without `next` (as the descriptions' examples).
 */
import type { Rec } from "../context.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

const DEFAULT_PER_PAGE = 20;

export function pageNumberedList({ ws, url, requestId }: RouteContext, records: readonly Rec[]): Response {
  const page = positive(url.searchParams.get("page"), 1);
  const asked = positive(url.searchParams.get("per_page"), DEFAULT_PER_PAGE);
  if (page === undefined || asked === undefined) return errorList(400, "parameter_invalid", "page and per_page must be positive integers", requestId);
  const perPage = Math.min(asked, ws.ctx.sizes.listPageSize);
  const totalPages = Math.max(1, Math.ceil(records.length / perPage));
  return json({
    type: "list",
    pages: { type: "pages", page, per_page: perPage, total_pages: totalPages },
    total_count: records.length,
    data: records.slice((page - 1) * perPage, page * perPage),
  });
}

function positive(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : undefined;
}
