/**
 * Calls: read with the conversations' permission, from API 2.14 on, in page-numbered pages of at most 25
 * (`pages: {type, page, per_page, total_pages}`, as the description's example). A workspace created
 * `without: ["calls"]` has none: the route answers 404.
 */
import { PERMISSION } from "../permissions.ts";
import { call } from "../records/calls.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "../routes/route.ts";
import { type FakeResource, range } from "./resource.ts";

const MAX_PER_PAGE = 25;

function listCalls({ ws, url, requestId }: RouteContext): Response {
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? String(MAX_PER_PAGE));
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) {
    return errorList(400, "parameter_invalid", `page must be ≥ 1 and per_page between 1 and ${MAX_PER_PAGE}`, requestId);
  }
  const all = ws.listOf("calls");
  const size = Math.min(perPage, ws.ctx.sizes.listPageSize);
  return json({
    type: "list",
    data: all.slice((page - 1) * size, page * size),
    total_count: all.length,
    pages: { type: "pages", page, per_page: size, total_pages: Math.ceil(all.length / size) },
  });
}

export const calls: FakeResource = {
  records: { calls: (ws) => range(Math.min(ws.ctx.sizes.calls, ws.ctx.sizes.conversations), (i) => call(ws.ctx, i)) },
  routes: [{ method: "GET", path: "/calls", permission: PERMISSION.conversations, since: "2.14", feature: "calls", handle: listCalls }],
  sizes: { calls: 30 },
};
