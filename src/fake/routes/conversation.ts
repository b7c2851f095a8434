/** GET /conversations/{id}: the conversation with its parts, capped at the 500 most recent. */
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

export function getConversation({ ws, params, requestId }: RouteContext): Response {
  const id = params[0] ?? "";
  const i = ws.conversationIndex(id);
  const record = i === undefined ? undefined : ws.conversations.current(i);
  if (i === undefined || !record) return errorList(404, "not_found", "Resource Not Found", requestId);
  return json({
    ...record,
    conversation_parts: { type: "conversation_part.list", conversation_parts: ws.parts(i), total_count: ws.partCount(id) },
  });
}

/**
 * GET /conversations/deleted (2.16 on): deleted conversation ids with when each went, page-numbered (`page`,
 * `per_page` ≤ 60, default 20), `order` desc (default) or asc by deleted_at. Earlier versions answer 400, as the
 * description says for a resource a version lacks.
 */
export function listDeletedConversations({ ws, url, requestId, version }: RouteContext): Response {
  if (version !== "2.16") {
    return errorList(400, "intercom_version_invalid", "Requested resource is not available in current API version.", requestId);
  }
  const page = Number(url.searchParams.get("page") ?? "1");
  const perPage = Number(url.searchParams.get("per_page") ?? "20");
  const order = url.searchParams.get("order") ?? "desc";
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 60 || (order !== "asc" && order !== "desc")) {
    return errorList(400, "parameter_invalid", "page must be ≥ 1, per_page between 1 and 60, order asc or desc", requestId);
  }
  const all = [...ws.deletedConversations].sort((a, b) => a.deleted_at - b.deleted_at || a.id.localeCompare(b.id));
  if (order === "desc") all.reverse();
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  const next = page < totalPages ? `${url.origin}/conversations/deleted?per_page=${perPage}&order=${order}&page=${page + 1}` : null;
  return json({
    type: "conversations.list",
    total_count: all.length,
    pages: { type: "pages", next, page, per_page: perPage, total_pages: totalPages },
    conversations: all.slice((page - 1) * perPage, page * perPage).map((item) => ({ type: "conversation", ...item })),
  });
}
