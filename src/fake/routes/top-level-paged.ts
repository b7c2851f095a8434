/**
 * The page-numbered lists of API 2.16 that say where they are at the top of the answer (content snippets,
 * audiences): `page` and `per_page` (at most `maxPerPage`) in the query, and `{type: "list", data, total_count,
 * page, per_page, total_pages}` in the answer, as their descriptions write it.
 */
import type { Rec } from "../context.ts";
import { errorList, json } from "../respond.ts";

export interface TopLevelPaging {
  url: URL;
  requestId: string;
  /** The endpoint's documented maximum `per_page`; more is refused (400). */
  maxPerPage: number;
  /** The fake's own cap (FakeSizes.listPageSize), to read several pages of a few records in tests. */
  pageSize: number;
}

export function topLevelPagedList({ url, requestId, maxPerPage, pageSize }: TopLevelPaging, records: readonly Rec[]): Response {
  const page = positive(url.searchParams.get("page"), 1);
  const asked = positive(url.searchParams.get("per_page"), maxPerPage);
  if (page === undefined || asked === undefined || asked > maxPerPage) {
    return errorList(400, "parameter_invalid", `page must be a positive integer, per_page between 1 and ${maxPerPage}`, requestId);
  }
  const perPage = Math.min(asked, pageSize);
  const totalPages = Math.max(1, Math.ceil(records.length / perPage));
  return json({
    type: "list",
    data: records.slice((page - 1) * perPage, page * perPage),
    total_count: records.length,
    page,
    per_page: perPage,
    total_pages: totalPages,
  });
}

function positive(raw: string | null, fallback: number): number | undefined {
  if (raw === null) return fallback;
  return /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : undefined;
}
