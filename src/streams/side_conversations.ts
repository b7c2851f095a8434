import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const sideConversations = defineStream({
  name: "side_conversations",
  description: "Side conversations: internal threads teammates start from a conversation, each with its own parts.",
  permission: PERMISSIONS.conversations,
  primaryKey: ["conversation_id", "side_conversation_id"],
  since: "2.16",
  read: {
    kind: "child",
    parent: "conversations",
    path: "/conversations/{id}/side_conversations",
    copy: { conversation_id: "id" },
    recordPath: ["side_conversations"],
    paged: true,
  },
  schema: {
    component: "side_conversation_summary",
    addedFields: {
      conversation_id: {
        type: "string",
        description: "The Intercom id of the conversation the side conversation belongs to (added by intercom-sync).",
      },
    },
  },
  notes:
    "Read for the conversations the run reads: every conversation on a first or --full-refresh run, those updated since the cursor afterwards. " +
    "Each record holds the side conversation's parts (`conversation_parts`).",
  optIn: "one request per conversation, and one per further page of its side conversations",
});
