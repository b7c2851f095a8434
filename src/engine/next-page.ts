/**
 * `pages.next` comes in three forms across Intercom's endpoints: a URL string, an object with
 * `starting_after` (or a page number), or null/absent. This turns any of them into the next request.
 */
export type NextPage = { url: string } | { startingAfter: string } | { page: number } | undefined;

export function readNextPage(body: unknown): NextPage {
  const pages = (body as { pages?: unknown } | null)?.pages;
  if (!pages || typeof pages !== "object") return undefined;
  const next = (pages as { next?: unknown }).next;
  if (typeof next === "string") return next.length > 0 ? { url: next } : undefined;
  if (next && typeof next === "object") {
    const { starting_after, page } = next as { starting_after?: unknown; page?: unknown };
    if (typeof starting_after === "string" && starting_after.length > 0) return { startingAfter: starting_after };
    if (typeof page === "number") return { page };
  }
  return undefined;
}

/** The request for the page after `next`: its URL as is, or the first request's query with the position added. */
export function nextPageRequest(
  path: string,
  firstQuery: Record<string, string | number | boolean> | undefined,
  next: NextPage,
): { path: string; query?: Record<string, string | number | boolean> } {
  if (!next) return { path, query: firstQuery };
  if ("url" in next) return { path: next.url };
  if ("startingAfter" in next) return { path, query: { ...firstQuery, starting_after: next.startingAfter } };
  return { path, query: { ...firstQuery, page: next.page } };
}

/**
 * A page-numbered list (help center collections, articles, news items) may say only where it is:
 * `pages: { page: 1, total_pages: 3 }` with no `next` (or `page` and `total_pages` at the top of the answer).
 * Then the next page is `page` + 1 until the last.
 */
export function nextPageNumber(body: unknown): NextPage {
  // API 2.16's content snippets and audiences say it at the top of the answer: `{data, page, total_pages}`.
  const pages = (body as { pages?: unknown } | null)?.pages ??
    (typeof (body as { total_pages?: unknown } | null)?.total_pages === "number" ? body : undefined);
  if (!pages || typeof pages !== "object") return undefined;
  const { page, total_pages } = pages as { page?: unknown; total_pages?: unknown };
  if (typeof page !== "number" || typeof total_pages !== "number" || !Number.isInteger(page)) return undefined;
  return page < total_pages ? { page: page + 1 } : undefined;
}
