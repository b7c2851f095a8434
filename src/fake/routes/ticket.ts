/** GET /tickets/{id}: one ticket with its parts (search results carry none). */
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

export function getTicket({ ws, params, requestId }: RouteContext): Response {
  const id = params[0] ?? "";
  const i = ws.ticketIndex(id);
  const record = i === undefined ? undefined : ws.tickets.current(i);
  if (i === undefined || !record) return errorList(404, "ticket_not_found", "Ticket not found", requestId);
  const parts = ws.ticketParts(i);
  return json({ ...record, ticket_parts: { type: "ticket_part.list", ticket_parts: parts, total_count: parts.length } });
}
