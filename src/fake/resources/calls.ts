/**
 * Calls: read with the conversations' permission, from API 2.14 on, in page-numbered pages of at most 25
 * (`pages: {type, page, per_page, total_pages}`, as the description's example). A workspace created
 * `without: ["calls"]` has none: the route answers 404.
 */
import { PERMISSION } from "../permissions.ts";
import { call, callWithTranscript } from "../records/calls.ts";
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

/**
 * POST /calls/search: the calls of 1 to 20 conversations (`conversation_ids`), with their transcripts; more or none
 * is 400 conversation_id_limit_exceeded, as the description says.
 */
function searchCalls({ ws, body, requestId }: RouteContext): Response {
  const ids = (body as { conversation_ids?: unknown } | null)?.conversation_ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > 20) {
    return errorList(400, "conversation_id_limit_exceeded", "A list of up to 20 conversation IDs is required", requestId);
  }
  const wanted = new Set(ids.map(String));
  return json({ type: "list", data: ws.listOf("calls").filter((record) => wanted.has(String(record.conversation_id))).map(callWithTranscript) });
}

export const calls: FakeResource = {
  records: {
    calls: (ws) => range(Math.min(ws.ctx.sizes.calls, ws.ctx.sizes.conversations), (i) => call(ws.ctx, i)),
    // The calls of the conversations still there (a deleted conversation's calls are not searched for).
    call_transcripts: (ws) => {
      const live = new Set([...ws.conversations.all()].map((conversation) => String(conversation.id)));
      return ws.listOf("calls").filter((record) => live.has(String(record.conversation_id))).map(callWithTranscript);
    },
  },
  routes: [
    { method: "GET", path: "/calls", permission: PERMISSION.conversations, since: "2.14", feature: "calls", handle: listCalls },
    { method: "POST", path: "/calls/search", permission: PERMISSION.conversations, since: "2.14", feature: "calls", handle: searchCalls },
  ],
  sizes: { calls: 30 },
};
