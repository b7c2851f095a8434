import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const conversations = defineStream({
  name: "conversations",
  description: "Conversations (without their parts; see conversation_parts), found by searching updated_at.",
  permission: PERMISSIONS.conversations,
  primaryKey: ["id"],
  cursorField: "updated_at",
  read: { kind: "search", path: "/conversations/search", recordPath: ["conversations"] },
  schema: {
    component: "conversation",
    note: "Items from list/search responses carry no conversation_parts; only GET /conversations/{id} does (at most 500).",
  },
});
