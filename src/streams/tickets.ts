import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const tickets = defineStream({
  name: "tickets",
  description: "Tickets, found by searching updated_at.",
  permission: PERMISSIONS.tickets,
  primaryKey: ["id"],
  cursorField: "updated_at",
  read: { kind: "search", path: "/tickets/search", recordPath: ["tickets"] },
  schema: { component: "ticket" },
});
