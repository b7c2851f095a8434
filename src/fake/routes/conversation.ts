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
