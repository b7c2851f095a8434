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
