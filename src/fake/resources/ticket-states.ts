/** Ticket states: read with the tickets' permission, from API 2.14 on. */
import { PERMISSION } from "../permissions.ts";
import { ticketState } from "../records/ticket-states.ts";
import { TICKET_STATES } from "../records/tickets.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const ticketStates: FakeResource = {
  records: { ticket_states: (ws) => range(TICKET_STATES.length, (i) => ticketState(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/ticket_states",
      permission: PERMISSION.tickets,
      since: "2.14",
      handle: ({ ws }) => json({ type: "list", data: ws.listOf("ticket_states") }),
    },
  ],
};
