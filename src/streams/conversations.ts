import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const conversations = defineStream({
  name: "conversations",
  description: "Conversations (without their parts; see conversation_parts), found by searching updated_at.",
  permission: PERMISSIONS.conversations,
  primaryKey: ["id"],
  cursorField: "updated_at",
  read: { kind: "search", path: "/conversations/search", recordPath: ["conversations"] },
  // Only from 2.16; asked with that version whatever the run's (one request per 60 deletions since the last run).
  deletions: { path: "/conversations/deleted", recordPath: ["conversations"], perPage: 60, since: "2.16" },
  schema: {
    component: "conversation",
    note: "Items from list/search responses carry no conversation_parts; only GET /conversations/{id} does (at most 500).",
  },
});
