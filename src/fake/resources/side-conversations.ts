/** Side conversations of each conversation, with their parts: read with the conversations' permission, from API 2.16 on. */
import type { Rec } from "../context.ts";
import { PERMISSION } from "../permissions.ts";
import { sideConversations } from "../records/conversation-children.ts";
import { listSideConversations } from "../routes/conversation-children.ts";
import type { Workspace } from "../workspace.ts";
import type { FakeResource } from "./resource.ts";

function* rows(ws: Workspace): Generator<Rec> {
  for (let i = 0; i < ws.ctx.sizes.conversations; i++) {
    const conversation = ws.conversations.current(i);
    if (!conversation) continue;
    for (const side of sideConversations(ws.ctx, i, Number(conversation.created_at))) yield { ...side, conversation_id: conversation.id };
  }
}

export const sideConversationsResource: FakeResource = {
  records: { side_conversations: rows },
  routes: [
    {
      method: "GET",
      path: "/conversations/{id}/side_conversations",
      permission: PERMISSION.conversations,
      since: "2.16",
      handle: listSideConversations,
    },
  ],
};
