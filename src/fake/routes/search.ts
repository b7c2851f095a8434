/**
 * POST /contacts/search, /conversations/search, /tickets/search, and the GET list endpoints for
 * contacts and conversations, which page the same way with query parameters.
 */
import type { Rec } from "../context.ts";
import { type Cursor, decodeCursor, encodeCursor } from "../search/cursor.ts";
import { runSearch, type Sort, validateSort } from "../search/engine.ts";
import type { SearchStream } from "../search/fields.ts";
import { compileQuery, SearchError } from "../search/query.ts";
import { errorList, json } from "../respond.ts";
import type { OverlaySource } from "../overlay-source.ts";
import type { RouteContext, RouteHandler } from "./route.ts";

export const MAX_PER_PAGE = 150;
const DEFAULT_PER_PAGE: Record<SearchStream, number> = { contacts: 50, conversations: 20, tickets: 20 };
/** Intercom documents no default sort for 2.11; newest created first is our choice. */
const DEFAULT_SEARCH_SORT: Sort = { field: "created_at", order: "descending" };
/** The list endpoints page newest-updated first. */
const DEFAULT_LIST_SORT: Sort = { field: "updated_at", order: "descending" };

function envelope(stream: SearchStream, records: Rec[], totalCount: number, pages: Rec): Rec {
  switch (stream) {
    case "contacts":
      return { type: "list", data: records, total_count: totalCount, pages };
    case "conversations":
      return { type: "conversation.list", conversations: records, total_count: totalCount, pages };
    case "tickets":
      return { type: "ticket.list", tickets: records, total_count: totalCount, pages };
  }
}

function sourceFor(context: RouteContext, stream: SearchStream): OverlaySource {
  return stream === "contacts" ? context.ws.contacts : stream === "conversations" ? context.ws.conversations : context.ws.tickets;
}

function parsePerPage(raw: unknown, stream: SearchStream): number {
  if (raw === undefined || raw === null) return DEFAULT_PER_PAGE[stream];
  const n = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_PER_PAGE) {
    throw new SearchError("parameter_invalid", `per_page must be an integer between 1 and ${MAX_PER_PAGE}`);
  }
  return n;
}

function parseSort(raw: unknown, fallback: Sort): Sort {
  if (raw === undefined || raw === null) return fallback;
  if (typeof raw !== "object" || Array.isArray(raw)) throw new SearchError("parameter_invalid", "sort must be an object");
  const { field, order } = raw as Rec;
  if (typeof field !== "string") throw new SearchError("parameter_invalid", "sort.field must be a string");
  if (order !== undefined && order !== "ascending" && order !== "descending") {
    throw new SearchError("invalid_sort_order", "sort.order must be ascending or descending");
  }
  return { field, order: order ?? "descending" };
}

function parseCursor(raw: unknown, sort: Sort): Cursor | undefined {
  if (raw === undefined || raw === null || raw === "") return undefined;
  if (typeof raw !== "string") throw new SearchError("parameter_invalid", "starting_after must be a string");
  const cursor = decodeCursor(raw);
  if (cursor.field !== sort.field || cursor.order !== sort.order) {
    throw new SearchError("parameter_invalid", "starting_after belongs to a search with a different sort");
  }
  return cursor;
}

function answer(context: RouteContext, stream: SearchStream, query: unknown, sort: Sort, perPage: number, cursor: Cursor | undefined): Response {
  const source = sourceFor(context, stream);
  validateSort(source, sort);
  const compiled = compileQuery(query, {
    stream,
    timezone: context.ws.ctx.timezone,
    exactSeconds: stream !== "contacts" && context.exactSecondSearch.has(stream),
  });
  const result = runSearch(source, compiled, JSON.stringify(query), sort, perPage, cursor);
  const page = cursor?.page ?? 1;
  const pages: Rec = { type: "pages", page, per_page: perPage, total_pages: Math.ceil(result.totalCount / perPage) };
  if (result.next) {
    pages.next = { per_page: perPage, starting_after: encodeCursor({ ...sort, ...result.next, page: page + 1 }) };
  }
  return json(envelope(stream, result.records, result.totalCount, pages));
}

function guarded(handle: (context: RouteContext) => Response): RouteHandler {
  return (context) => {
    try {
      return handle(context);
    } catch (error) {
      if (error instanceof SearchError) return errorList(400, error.code, error.message, context.requestId);
      throw error;
    }
  };
}

export function searchRoute(stream: SearchStream): RouteHandler {
  return guarded((context) => {
    const body = context.body;
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
      throw new SearchError("bad_request", "The request body must be a JSON object");
    }
    const { query, pagination, sort } = body as Rec;
    if (query === undefined) throw new SearchError("parameter_not_found", "query is required");
    const paging = (pagination ?? {}) as Rec;
    const parsedSort = parseSort(sort, DEFAULT_SEARCH_SORT);
    return answer(context, stream, query, parsedSort, parsePerPage(paging.per_page, stream), parseCursor(paging.starting_after, parsedSort));
  });
}

/** GET /contacts and GET /conversations: everything, newest updated first, `per_page` and `starting_after` as query parameters. */
export function listRoute(stream: "contacts" | "conversations"): RouteHandler {
  return guarded((context) => {
    const params = context.url.searchParams;
    const perPage = parsePerPage(params.get("per_page") ?? undefined, stream);
    const everything = { operator: "AND", value: [] };
    return answer(context, stream, everything, DEFAULT_LIST_SORT, perPage, parseCursor(params.get("starting_after") ?? undefined, DEFAULT_LIST_SORT));
  });
}
