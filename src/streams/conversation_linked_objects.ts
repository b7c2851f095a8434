import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const conversationLinkedObjects = defineStream({
  name: "conversation_linked_objects",
  description: "Tickets and conversations linked to each conversation updated since the cursor, one record per (conversation, linked object).",
  permission: PERMISSIONS.conversations,
  primaryKey: ["conversation_id", "type", "id"],
  cursorField: "conversation_updated_at",
  read: {
    kind: "embedded",
    parent: "conversations",
    field: ["linked_objects", "data"],
    copy: { conversation_id: "id", conversation_updated_at: "updated_at" },
  },
  schema: {
    component: "linked_object",
    addedFields: {
      conversation_id: { type: "string", description: "The id of the conversation the object is linked to (added by intercom-sync)." },
      conversation_updated_at: {
        type: "integer",
        format: "unix-time",
        description: "The conversation's updated_at when its links were read: the row is as of then (added by intercom-sync).",
      },
    },
    note: "A linked conversation and a linked ticket can share an id, so the key names the type too.",
  },
  notes: "Taken from each conversation's embedded `linked_objects` on the conversations pass: no request of its own. " +
    "Intercom embeds up to 1,000 links; a conversation whose list says has_more is warned about, and its rows are " +
    "kept as read. A link removed: SQLite marks its row `_deleted_at` (the conversation's new updated_at); the other " +
    "outputs keep each conversation's rows with its greatest conversation_updated_at, and a conversation with no " +
    "links left gets a deletion naming only the conversation.",
});
