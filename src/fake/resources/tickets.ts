/** Tickets: searched, and read one by one with their parts. */
import { PERMISSION } from "../permissions.ts";
import { searchRoute } from "../routes/search.ts";
import { getTicket } from "../routes/ticket.ts";
import type { FakeResource } from "./resource.ts";

export const tickets: FakeResource = {
  records: {
    tickets: (ws) => ws.tickets.all(),
    ticket_parts: (ws) => ws.ticketPartRows(),
    ticket_linked_objects: (ws) => ws.ticketLinkRows(),
  },
  routes: [
    { method: "POST", path: "/tickets/search", permission: PERMISSION.tickets, handle: searchRoute("tickets") },
    { method: "GET", path: "/tickets/{id}", permission: PERMISSION.tickets, handle: getTicket },
  ],
  sizes: { tickets: 40 },
};
