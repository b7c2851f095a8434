/** Ticket types with their attributes (the two default ones and a few custom), in 2.11's shape. */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { DAY } from "../timeline.ts";

const CATEGORIES = ["Customer", "Back-office", "Tracker"] as const;
/** The first three are the types tickets embed (records/tickets.ts), with the same ids, names and categories. */
const NAMES = ["Bug report", "Refund request", "Outage", "Account access", "Feature request"] as const;
const ICONS = ["🐞", "💸", "🔥", "🔑", "💡"] as const;
const CUSTOM_ATTRIBUTES = [
  { name: "Order number", data_type: "string", input_options: { multiline: false } },
  { name: "Severity", data_type: "list", input_options: { list_options: [{ label: "Low" }, { label: "High" }] } },
  { name: "Affected users", data_type: "integer", input_options: null },
] as const;

export function ticketTypeId(i: number): string {
  return numericId(ID_BASE.ticketType, i);
}

export function ticketType(ctx: GenContext, i: number): Rec {
  const id = ticketTypeId(i);
  const createdAt = ctx.baseNow - 550 * DAY + i * 4_007;
  const updatedAt = createdAt + (hash(ctx.seed, KIND.ticketType, i) % (100 * DAY));
  const base = NAMES[i % NAMES.length]!;
  const attribute = (k: number, fields: Rec): Rec => ({
    type: "ticket_type_attribute",
    id: String(Number(id) * 10 + k),
    workspace_id: ctx.appId,
    description: "",
    order: k,
    required_to_create: false,
    required_to_create_for_contacts: false,
    visible_on_create: true,
    visible_to_contacts: true,
    default: false,
    ticket_type_id: Number(id),
    archived: false,
    created_at: createdAt,
    updated_at: updatedAt,
    ...fields,
  });
  const attributes = [
    attribute(0, { name: "_default_title_", data_type: "string", input_options: { multiline: false }, default: true }),
    attribute(1, { name: "_default_description_", data_type: "string", input_options: { multiline: true }, default: true }),
    ...CUSTOM_ATTRIBUTES.slice(0, i % (CUSTOM_ATTRIBUTES.length + 1)).map((custom, k) =>
      attribute(k + 2, { ...custom, visible_to_contacts: k % 2 === 0 })
    ),
  ];
  return {
    type: "ticket_type",
    id,
    category: CATEGORIES[i % CATEGORIES.length],
    name: i < NAMES.length ? base : `${base} ${Math.floor(i / NAMES.length) + 1}`,
    description: `${base} template`,
    icon: ICONS[i % ICONS.length],
    workspace_id: ctx.appId,
    archived: i % 7 === 6,
    created_at: createdAt,
    updated_at: updatedAt,
    is_internal: false,
    // The descriptions' examples (every version) send `{type: "list", data}` here.
    ticket_type_attributes: { type: "list", data: attributes },
  };
}
