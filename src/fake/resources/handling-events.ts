/** Handling events of each conversation: read with the conversations' permission, from API 2.16 on. */
import type { Rec } from "../context.ts";
import { PERMISSION } from "../permissions.ts";
import { handlingEvents } from "../records/conversation-children.ts";
import { listHandlingEvents } from "../routes/conversation-children.ts";
import type { Workspace } from "../workspace.ts";
import type { FakeResource } from "./resource.ts";

function* rows(ws: Workspace): Generator<Rec> {
  for (let i = 0; i < ws.ctx.sizes.conversations; i++) {
    const conversation = ws.conversations.current(i);
    if (!conversation) continue;
    for (const event of handlingEvents(ws.ctx, i, Number(conversation.created_at))) yield { ...event, conversation_id: conversation.id };
  }
}

export const handlingEventsResource: FakeResource = {
  records: { handling_events: rows },
  routes: [
    { method: "GET", path: "/conversations/{id}/handling_events", permission: PERMISSION.conversations, since: "2.16", handle: listHandlingEvents },
  ],
};
