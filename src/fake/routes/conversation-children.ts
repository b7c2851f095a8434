/**
 * GET /conversations/{id}/handling_events and /side_conversations (2.16 on): a conversation's pause/resume events
 * (one unpaged list) and its side conversations (page-numbered, `per_page` ≤ 50, default 25). 404 for a
 * conversation that is not there, as GET /conversations/{id}.
 */
import type { Rec } from "../context.ts";
import { handlingEvents, sideConversations } from "../records/conversation-children.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

function conversationOf({ ws, params, requestId }: RouteContext): { i: number; record: Rec } | Response {
  const i = ws.conversationIndex(params[0] ?? "");
  const record = i === undefined ? undefined : ws.conversations.current(i);
  if (i === undefined || !record) return errorList(404, "not_found", "Resource Not Found", requestId);
  return { i, record };
}

export function listHandlingEvents(context: RouteContext): Response {
  const found = conversationOf(context);
  if (found instanceof Response) return found;
  return json({ handling_events: handlingEvents(context.ws.ctx, found.i, Number(found.record.created_at)) });
}

export function listSideConversations(context: RouteContext): Response {
  const found = conversationOf(context);
  if (found instanceof Response) return found;
  const page = Number(context.url.searchParams.get("page") ?? "1");
  const perPage = Number(context.url.searchParams.get("per_page") ?? "25");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 50) {
    return errorList(400, "parameter_invalid", "page must be ≥ 1 and per_page between 1 and 50", context.requestId);
  }
  const all = sideConversations(context.ws.ctx, found.i, Number(found.record.created_at));
  return json({
    type: "side_conversation.list",
    side_conversations: all.slice((page - 1) * perPage, page * perPage),
    total_count: all.length,
    pages: { type: "pages", page, per_page: perPage, total_pages: Math.max(1, Math.ceil(all.length / perPage)) },
  });
}
