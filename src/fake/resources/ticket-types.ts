/** Ticket types. */
import { PERMISSION } from "../permissions.ts";
import { ticketType } from "../records/ticket-types.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const ticketTypes: FakeResource = {
  records: { ticket_types: (ws) => range(ws.ctx.sizes.ticketTypes, (i) => ticketType(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/ticket_types",
      permission: PERMISSION.tickets,
      handle: ({ ws }) => json({ type: "list", data: ws.listOf("ticket_types") }),
    },
  ],
  sizes: { ticketTypes: 4 },
};
