import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const conversationParts: StreamDefinition = {
  name: "conversation_parts",
  description: "Every part (message, note, assignment…) of the conversations updated since the cursor.",
  permission: PERMISSIONS.conversations,
  primaryKey: ["conversation_id", "id"],
  sync: "child",
  pagination: "none",
  method: "GET",
  path: "/conversations/{id}",
  recordPath: ["conversation_parts", "conversation_parts"],
  parent: {
    stream: "conversations",
    path: (conversation) => `/conversations/${encodeURIComponent(String(conversation.id))}`,
    fields: (conversation) => ({ conversation_id: conversation.id }),
  },
  notes:
    "Fetched one conversation at a time. Intercom returns at most the 500 most recent parts; longer " +
    "conversations are reported with a warning naming the conversation.",
};
