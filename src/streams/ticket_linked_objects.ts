import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const ticketLinkedObjects = defineStream({
  name: "ticket_linked_objects",
  description: "Conversations and tickets linked to each ticket updated since the cursor, one record per (ticket, linked object).",
  permission: PERMISSIONS.tickets,
  primaryKey: ["ticket_id", "type", "id"],
  cursorField: "ticket_updated_at",
  read: {
    kind: "embedded",
    parent: "tickets",
    field: ["linked_objects", "data"],
    copy: { ticket_id: "id", ticket_updated_at: "updated_at" },
  },
  schema: {
    component: "linked_object",
    addedFields: {
      ticket_id: { type: "string", description: "The id of the ticket the object is linked to (added by intercom-sync)." },
      ticket_updated_at: {
        type: "integer",
        format: "unix-time",
        description: "The ticket's updated_at when its links were read: the row is as of then (added by intercom-sync).",
      },
    },
    note: "A linked conversation and a linked ticket can share an id, so the key names the type too.",
  },
  notes: "Taken from each ticket's embedded `linked_objects` on the tickets pass: no request of its own " +
    "(`/tickets/{id}/linked_conversations` only links, by POST). Intercom embeds up to 1,000 links; a ticket whose " +
    "list says has_more is warned about, and its rows are kept as read. A link removed: SQLite marks its row " +
    "`_deleted_at` (the ticket's new updated_at); the other outputs keep each ticket's rows with its greatest " +
    "ticket_updated_at, and a ticket with no links left gets a deletion naming only the ticket.",
});
