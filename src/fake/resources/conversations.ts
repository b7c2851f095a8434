/** Conversations: listed, searched, read one by one (with their parts), and the feed of deleted ones. */
import { PERMISSION } from "../permissions.ts";
import { getConversation, listDeletedConversations } from "../routes/conversation.ts";
import { listRoute, searchRoute } from "../routes/search.ts";
import type { FakeResource } from "./resource.ts";

export const conversations: FakeResource = {
  records: {
    conversations: (ws) => ws.conversations.all(),
    conversation_parts: (ws) => ws.conversationPartRows(),
    conversation_tags: (ws) => ws.conversationTagRows(),
    conversation_linked_objects: (ws) => ws.conversationLinkRows(),
  },
  routes: [
    { method: "GET", path: "/conversations", permission: PERMISSION.conversations, handle: listRoute("conversations") },
    { method: "POST", path: "/conversations/search", permission: PERMISSION.conversations, handle: searchRoute("conversations") },
    { method: "GET", path: "/conversations/deleted", permission: PERMISSION.conversations, handle: listDeletedConversations },
    { method: "GET", path: "/conversations/{id}", permission: PERMISSION.conversations, handle: getConversation },
  ],
  sizes: { conversations: 120, maxParts: 6 },
};
