import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const ticketTypes = defineStream({
  name: "ticket_types",
  description: "Ticket types, each with its ticket_type_attributes (and, from 2.14, its ticket_states).",
  permission: PERMISSIONS.tickets,
  primaryKey: ["id"],
  // 2.11's ticket_type_list names the array `ticket_types`, but its own example, and 2.14 and 2.16, say `data`.
  read: { kind: "single", path: "/ticket_types", recordPath: ["data"] },
  schema: { component: "ticket_type" },
});
