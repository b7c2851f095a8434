import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const conversationTags = defineStream({
  name: "conversation_tags",
  description: "Tags applied to each conversation updated since the cursor, one record per (conversation, tag).",
  permission: PERMISSIONS.conversations,
  primaryKey: ["conversation_id", "id"],
  cursorField: "conversation_updated_at",
  references: { id: "tags" },
  read: {
    kind: "embedded",
    parent: "conversations",
    field: ["tags", "tags"],
    copy: { conversation_id: "id", conversation_updated_at: "updated_at" },
  },
  schema: {
    component: "tag",
    addedFields: {
      conversation_id: { type: "string", description: "The id of the conversation the tag is applied to (added by intercom-sync)." },
      conversation_updated_at: {
        type: "integer",
        format: "unix-time",
        description: "The conversation's updated_at when its tags were read: the row is as of then (added by intercom-sync).",
      },
    },
  },
  notes: "Taken from each conversation's embedded `tags` on the conversations pass: no request of its own. A tag " +
    "removed from a conversation: SQLite marks its row `_deleted_at` (the conversation's new updated_at); the " +
    "other outputs keep each conversation's rows with its greatest conversation_updated_at, and a conversation " +
    "with no tags left gets a deletion naming only the conversation. A deleted tag's rows are deleted with it " +
    "(SQLite marks them).",
});
