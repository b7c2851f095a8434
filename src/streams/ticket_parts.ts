import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const ticketParts = defineStream({
  name: "ticket_parts",
  description: "Every part (comment, note, state change…) of the tickets updated since the cursor.",
  permission: PERMISSIONS.tickets,
  primaryKey: ["ticket_id", "id"],
  read: {
    kind: "child",
    parent: "tickets",
    path: "/tickets/{id}",
    copy: { ticket_id: "id" },
    recordPath: ["ticket_parts", "ticket_parts"],
  },
  schema: {
    component: "ticket_part",
    addedFields: {
      ticket_id: {
        type: "string",
        description: "The id of the ticket the part belongs to: the ticket's `id`, not its inbox number `ticket_id` (added by intercom-sync).",
      },
    },
  },
  notes: "Fetched one ticket at a time: search results carry no parts. Intercom returns at most the 500 most recent " +
    "parts; longer tickets are reported with a warning naming the ticket.",
});
