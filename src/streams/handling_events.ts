import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const handlingEvents = defineStream({
  name: "handling_events",
  description: "Each conversation's handling events: a teammate pausing or resuming work on it, with a reason.",
  permission: PERMISSIONS.conversations,
  // Events have no id: a conversation's event is its type at its time.
  primaryKey: ["conversation_id", "type", "timestamp"],
  since: "2.16",
  read: {
    kind: "child",
    parent: "conversations",
    path: "/conversations/{id}/handling_events",
    copy: { conversation_id: "id" },
    recordPath: ["handling_events"],
  },
  schema: {
    component: "handling_event",
    addedFields: {
      conversation_id: { type: "string", description: "The Intercom id of the conversation the event was listed for (added by intercom-sync)." },
    },
    note: "Handling events have no id of their own: the key is the conversation, the event's type and its timestamp.",
  },
  notes:
    "Read for the conversations the run reads: every conversation on a first or --full-refresh run, those updated since the cursor afterwards. " +
    "With handling time, the inputs for how long teammates really worked on a conversation.",
  optIn: "one request per conversation",
});
