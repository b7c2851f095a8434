import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const conversationParts = defineStream({
  name: "conversation_parts",
  description: "Every part (message, note, assignment…) of the conversations updated since the cursor.",
  permission: PERMISSIONS.conversations,
  primaryKey: ["conversation_id", "id"],
  read: {
    kind: "child",
    parent: "conversations",
    path: "/conversations/{id}",
    copy: { conversation_id: "id" },
    recordPath: ["conversation_parts", "conversation_parts"],
  },
  schema: {
    component: "conversation_part",
    addedFields: {
      conversation_id: { type: "string", description: "The id of the conversation the part belongs to (added by intercom-sync)." },
    },
  },
  notes: "Fetched one conversation at a time. Intercom returns at most the 500 most recent parts; longer " +
    "conversations are reported with a warning naming the conversation.",
});
