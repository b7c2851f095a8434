import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const ticketStates = defineStream({
  name: "ticket_states",
  description: "Ticket states (submitted, in progress, waiting on customer, resolved and custom ones) with their labels and ticket types.",
  permission: PERMISSIONS.tickets,
  primaryKey: ["id"],
  since: "2.14",
  read: { kind: "single", path: "/ticket_states", recordPath: ["data"] },
  schema: { component: "ticket_state_detailed" },
});
