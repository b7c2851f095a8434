/**
 * The one pager: every list the engine, `verify` and the deletion feed read page by page goes through
 * `listPages`, so where the next page is, when a list ends and what a repeated page means are decided here once.
 *
 * Intercom pages four ways (INTERCOM-API.md §2, the OpenAPI descriptions): by cursor (`pages.next.starting_after`,
 * absent on the last page), by page number (`pages.page` below `pages.total_pages`, or `pages.next` as a URL; API
 * 2.16's content snippets and audiences say `page` and `total_pages` at the top of the answer), by `next_cursor`
 * while `has_more` (a user's merge history, sent back as `cursor`), and by scroll (`scroll_param`, read by
 * src/http/scroll.ts, which ends on an empty page).
 *
 * The stop rule: a list ends when its page says no next page. An empty page that still points on is followed:
 * the descriptions promise records on every page a cursor points to, but a list that shrinks while it is read (a
 * page-numbered list whose records were deleted meanwhile) can hand out an empty page before the last one, and
 * stopping there would drop every record after it without a word, while following costs one request. A server
 * that keeps pointing on past the end cannot keep a run reading nothing: more than MAX_EMPTY_PAGES empty pages in
 * a row fail the read, as does a `pages.next` that points back at a page already read (`MalformedPageError`), so
 * a list is never cut short silently.
 */
import type { ApiClient, ApiRequest } from "../http/types.ts";
import type { JsonRecord } from "../streams/types.ts";
import { MalformedPageError } from "../errors.ts";

/**
 * Where the next page is: a link to follow, a `starting_after` cursor, a `cursor` (a `next_cursor` answered beside
 * `has_more`), or a page number. Undefined: the first page.
 */
export type NextPage = { url: string } | { startingAfter: string } | { cursor: string } | { page: number } | undefined;

/**
 * Which forms of "a next page" a list answers with: `cursor` only `pages.next.starting_after` (a search takes
 * nothing else), `next` `pages.next` in any form, `next-or-page-number` also `pages.page` + 1 while it is below
 * `pages.total_pages` (a page-numbered list may say only where it is: `next: null` beside them),
 * `next-or-cursor-or-page-number` also `next_cursor` while `has_more` before the page number (a paged child list:
 * a user's merge history pages that way); `none`: one answer, whatever it says (a child list not declared paged:
 * conversation parts are capped, never paged).
 */
export type Paging = "cursor" | "next" | "next-or-page-number" | "next-or-cursor-or-page-number" | "none";

export type Query = Record<string, string | number | boolean>;

/** Empty pages that point on, in a row, before a list is taken to be broken rather than shrinking under the read. */
export const MAX_EMPTY_PAGES = 5;

export interface PagedList<Body = unknown> {
  /** Named in the error a repeated page raises. */
  stream: string;
  paging: Paging;
  /** The answer for the page at `position` (undefined: the first page). */
  ask(position: NextPage): Promise<Body>;
  /** The records of one answer. */
  records(body: Body): JsonRecord[];
  /** Where an earlier, killed read stopped: the first page asked. */
  from?: NextPage;
}

export interface ListPage<Body = unknown> {
  body: Body;
  records: JsonRecord[];
  /** Where the page after this one is; undefined when this page is the list's last. */
  next: NextPage;
}

/**
 * Every page of `list`, in order. A caller that has read enough (a window's end, a cap, a cursor reached) stops
 * by leaving the loop; the next page is asked only once the caller has dealt with this one, so a page's
 * position is saved only after the page is written.
 */
export async function* listPages<Body>(list: PagedList<Body>): AsyncGenerator<ListPage<Body>, void, undefined> {
  const seen = new Set<string>();
  let position = list.from;
  if (position) seen.add(JSON.stringify(position));
  let emptyInARow = 0;
  for (;;) {
    const body = await list.ask(position);
    const records = list.records(body);
    const next = nextPosition(body, list.paging);
    yield { body, records, next };
    if (!next) return;
    emptyInARow = records.length === 0 ? emptyInARow + 1 : 0;
    if (emptyInARow > MAX_EMPTY_PAGES) {
      throw new MalformedPageError(list.stream, `${emptyInARow} empty pages in a row, each pointing on to another`);
    }
    const key = JSON.stringify(next);
    if (seen.has(key)) throw new MalformedPageError(list.stream, `pages.next repeats a page already read (${key})`);
    seen.add(key);
    position = next;
  }
}

/** A list read with GETs: its first request, and the same GET with the position for every page after it. */
export interface GetList extends Omit<PagedList, "ask"> {
  client: ApiClient;
  path: string;
  query?: Query;
  signal?: AbortSignal;
  /** Sent as this request's Intercom-Version (ApiRequest.intercomVersion). */
  intercomVersion?: string;
}

export function getPages(list: GetList): AsyncGenerator<ListPage, void, undefined> {
  const { client, path, query, stream, signal, intercomVersion } = list;
  const extra: Partial<ApiRequest> = intercomVersion ? { intercomVersion } : {};
  return listPages({
    ...list,
    ask: (position) => client.request({ method: "GET", ...nextPageRequest(path, query, position), stream, signal, ...extra }),
  });
}

/** The `starting_after` cursor of a position, the one form a search takes (`paging: "cursor"` yields no other). */
export function cursorOf(position: NextPage): string | undefined {
  return position && "startingAfter" in position ? position.startingAfter : undefined;
}

/** Every record of a list, in order. */
export async function allRecords(pages: AsyncIterable<ListPage>): Promise<JsonRecord[]> {
  const records: JsonRecord[] = [];
  for await (const page of pages) records.push(...page.records);
  return records;
}

function nextPosition(body: unknown, paging: Paging): NextPage {
  if (paging === "none") return undefined;
  const next = readNextPage(body);
  if (paging === "cursor") return next && "startingAfter" in next ? next : undefined;
  if (next || paging === "next") return next;
  if (paging === "next-or-cursor-or-page-number") return nextCursor(body) ?? nextPageNumber(body);
  return nextPageNumber(body);
}

/** A cursor list (a user's merge history): `next_cursor` while `has_more`, sent back as `cursor`. */
function nextCursor(body: unknown): NextPage {
  const { has_more: more, next_cursor: cursor } = (body ?? {}) as { has_more?: unknown; next_cursor?: unknown };
  return more === true && typeof cursor === "string" && cursor !== "" ? { cursor } : undefined;
}

/**
 * `pages.next` comes in three forms across Intercom's endpoints: a URL string, an object with
 * `starting_after` (or a page number), or null/absent. This turns any of them into the next position.
 */
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

/** The GET for the page at `next`: its URL as is, or the first request's query with the position added. */
export function nextPageRequest(path: string, firstQuery: Query | undefined, next: NextPage): { path: string; query?: Query } {
  if (!next) return { path, query: firstQuery };
  if ("url" in next) return { path: next.url };
  if ("startingAfter" in next) return { path, query: { ...firstQuery, starting_after: next.startingAfter } };
  if ("cursor" in next) return { path, query: { ...firstQuery, cursor: next.cursor } };
  return { path, query: { ...firstQuery, page: next.page } };
}

/**
 * A page-numbered list (help center collections, articles, news items, a contact's notes) may say only where it
 * is: `pages: { page: 1, total_pages: 3 }` with no `next` (or `page` and `total_pages` at the top of the answer).
 * Then the next page is `page` + 1 until the last.
 */
function nextPageNumber(body: unknown): NextPage {
  // API 2.16's content snippets and audiences say it at the top of the answer: `{data, page, total_pages}`.
  const pages = (body as { pages?: unknown } | null)?.pages ??
    (typeof (body as { total_pages?: unknown } | null)?.total_pages === "number" ? body : undefined);
  if (!pages || typeof pages !== "object") return undefined;
  const { page, total_pages } = pages as { page?: unknown; total_pages?: unknown };
  if (typeof page !== "number" || typeof total_pages !== "number" || !Number.isInteger(page)) return undefined;
  return page < total_pages ? { page: page + 1 } : undefined;
}
