/**
 * The ticket states (API 2.14 on): the four states the fake's tickets move through, with the ids 2.14+ tickets
 * name in their `ticket_state` object (versions.ts), each listing the ticket types that use it.
 */
import type { GenContext, Rec } from "../context.ts";
import { TICKET_STATE_LABELS, TICKET_STATES } from "./tickets.ts";
import { ticketType } from "./ticket-types.ts";

/** The fields a ticket state's `ticket_types` list shows of each type, as the description's example. */
const TYPE_FIELDS = ["type", "id", "name", "description", "icon", "archived", "is_internal", "category"] as const;

export function ticketState(ctx: GenContext, i: number): Rec {
  const category = TICKET_STATES[i]!;
  const [internal, external] = TICKET_STATE_LABELS[category];
  const types = Array.from({ length: ctx.sizes.ticketTypes }, (_, k) => ticketType(ctx, k)).map((type) =>
    Object.fromEntries(TYPE_FIELDS.map((field) => [field, type[field] ?? null]))
  );
  return {
    type: "ticket_state",
    id: String(i + 1),
    category,
    internal_label: internal,
    external_label: external,
    ticket_types: { type: "list", data: types },
    archived: false,
  };
}
