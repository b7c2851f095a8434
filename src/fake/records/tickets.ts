/** Tickets in the 2.11 shape: ticket_state is a string, assignee ids are strings ("0" when unassigned). */
import { withInstanceRefs } from "./custom-objects.ts";
import { baseContactId, contactExternalId, type GenContext, type Rec } from "../context.ts";
import { hash, KIND, Rand } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { DAY } from "../timeline.ts";
import { SENTENCES } from "../words.ts";
import { adminEmail, adminId, adminName } from "./admins.ts";
import { conversationId } from "./conversations.ts";
import { teamId } from "./teams.ts";

const STATES = ["submitted", "in_progress", "waiting_on_customer", "resolved"] as const;
const STATE_LABELS: Record<(typeof STATES)[number], [string, string]> = {
  submitted: ["Submitted", "Submitted"],
  in_progress: ["In progress", "In progress"],
  waiting_on_customer: ["Waiting on customer", "Waiting on you"],
  resolved: ["Resolved", "Resolved"],
};

const TICKET_TYPES = [
  { id: "101", category: "Customer", name: "Bug report", icon: "🐞" },
  { id: "102", category: "Back-office", name: "Refund request", icon: "💸" },
  { id: "103", category: "Tracker", name: "Outage", icon: "🔥" },
] as const;

export function ticketId(i: number): string {
  return numericId(ID_BASE.ticket, i);
}

function ticketType(ctx: GenContext, t: number): Rec {
  const spec = TICKET_TYPES[t] ?? TICKET_TYPES[0];
  const createdAt = ctx.baseNow - 720 * DAY + t * 1_000;
  const attribute = (id: number, name: string, order: number): Rec => ({
    type: "ticket_type_attribute",
    id: String(id),
    workspace_id: ctx.appId,
    name,
    description: name === "_default_title_" ? "Title" : "Description",
    data_type: "string",
    input_options: {},
    order,
    required_to_create: order === 0,
    required_to_create_for_contacts: false,
    visible_on_create: true,
    visible_to_contacts: true,
    default: true,
    ticket_type_id: Number(spec.id),
    archived: false,
    created_at: createdAt,
    updated_at: createdAt,
  });
  return {
    type: "ticket_type",
    id: spec.id,
    category: spec.category,
    name: spec.name,
    description: `${spec.name} tickets`,
    icon: spec.icon,
    workspace_id: ctx.appId,
    ticket_type_attributes: {
      type: "ticket_type_attributes.list",
      ticket_type_attributes: [
        attribute(Number(spec.id) * 10, "_default_title_", 0),
        attribute(Number(spec.id) * 10 + 1, "_default_description_", 1),
      ],
    },
    archived: false,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

export function ticket(ctx: GenContext, i: number, updatedAt = ctx.tickets.updatedAt(i), stateOverride?: string): Rec {
  const r = new Rand(ctx.seed, KIND.ticket, i);
  const t = r.int(TICKET_TYPES.length);
  const type = ticketType(ctx, t);
  const state = (stateOverride ?? r.pick(STATES)) as (typeof STATES)[number];
  const hasContact = ctx.sizes.contacts > 0;
  const c = r.int(Math.max(ctx.sizes.contacts, 1));
  const record: Rec = {
    type: "ticket",
    id: ticketId(i),
    ticket_id: String(i + 1),
    category: type.category,
    ticket_attributes: withInstanceRefs(ctx, i, { _default_title_: r.pick(SENTENCES), _default_description_: r.pick(SENTENCES) }, "ticket"),
    ticket_state: state,
    ticket_type: type,
    contacts: {
      type: "contact.list",
      contacts: hasContact ? [{ type: "contact", id: baseContactId(ctx, c), external_id: contactExternalId(ctx, c) }] : [],
    },
    admin_assignee_id: ctx.sizes.admins > 0 && r.chance(0.7) ? adminId(r.int(ctx.sizes.admins)) : "0",
    team_assignee_id: ctx.sizes.teams > 0 && r.chance(0.5) ? teamId(r.int(ctx.sizes.teams)) : "0",
    created_at: ctx.tickets.createdAt(i),
    updated_at: updatedAt,
    open: state !== "resolved",
    linked_objects: ticketLinkedObjects(ctx, i),
    is_shared: r.chance(0.5),
    ticket_state_internal_label: STATE_LABELS[state][0],
    ticket_state_external_label: STATE_LABELS[state][1],
  };
  if (state === "waiting_on_customer" && r.chance(0.5)) record.snoozed_until = ctx.baseNow + r.between(1, 5) * DAY;
  return record;
}

export const TICKET_STATES = STATES;

/** Ticket i's category: its type is the first draw of ticket(), so a link to it can say it without building it. */
export function ticketCategory(ctx: GenContext, i: number): string {
  const type = TICKET_TYPES[new Rand(ctx.seed, KIND.ticket, i).int(TICKET_TYPES.length)] ?? TICKET_TYPES[0];
  return type.category;
}

/**
 * The conversations and tickets ticket i is linked to (about half link 1–3): a linked conversation's category is
 * null, a linked ticket's is its category. Drawn apart from the ticket's own fields, so they keep their values.
 */
export function ticketLinkedObjects(ctx: GenContext, i: number): Rec {
  const r = new Rand(ctx.seed, KIND.ticketLink, i);
  const data: Rec[] = [];
  if (r.chance(0.5)) {
    const count = 1 + r.int(3);
    for (let k = 0; k < count; k++) {
      const toTicket = ctx.sizes.tickets > 1 && (ctx.sizes.conversations === 0 || r.chance(0.3));
      if (toTicket) {
        const j = (i + 1 + r.int(ctx.sizes.tickets - 1)) % ctx.sizes.tickets;
        data.push({ type: "ticket", id: ticketId(j), category: ticketCategory(ctx, j) });
      } else if (ctx.sizes.conversations > 0) {
        data.push({ type: "conversation", id: conversationId(r.int(ctx.sizes.conversations)), category: null });
      }
    }
  }
  const unique = data.filter((link, index) => data.findIndex((other) => other.type === link.type && other.id === link.id) === index);
  return { type: "list", total_count: unique.length, has_more: false, data: unique };
}

/** Ticket i has 1..4 parts (GET /tickets/{id} carries them; search results do not), all before its base updated_at. */
export function ticketPartCount(ctx: GenContext, i: number): number {
  return 1 + (hash(ctx.seed, KIND.ticketPart, i) % 4);
}

/** The parts of ticket i, oldest first, in the 2.11 shape (which 2.14 and 2.16 keep). */
export function ticketParts(ctx: GenContext, i: number): Rec[] {
  const count = ticketPartCount(ctx, i);
  const start = ctx.tickets.createdAt(i);
  const end = ctx.tickets.updatedAt(i);
  const parts: Rec[] = [];
  let state: (typeof STATES)[number] = "submitted";
  for (let k = 0; k < count; k++) {
    const r = new Rand(ctx.seed, KIND.ticketPart, i * 16 + k);
    const createdAt = start + Math.floor(((k + 1) * (end - start)) / count);
    const admin = ctx.sizes.admins > 0 ? r.int(ctx.sizes.admins) : 0;
    const partType = k === 0 ? "comment" : r.pick(["comment", "note", "ticket_state_updated_by_admin"] as const);
    const previous = state;
    if (partType === "ticket_state_updated_by_admin") state = r.pick(STATES);
    parts.push({
      type: "ticket_part",
      id: String(ID_BASE.ticketPart + i * 16 + k),
      part_type: partType,
      body: partType === "ticket_state_updated_by_admin" ? null : `<p>${r.pick(SENTENCES)}</p>`,
      // The part that creates the ticket has no previous state: Intercom sends null there.
      previous_ticket_state: k === 0 ? null : previous,
      ticket_state: state,
      created_at: createdAt,
      updated_at: createdAt,
      assigned_to: null,
      author: ctx.sizes.admins > 0
        ? { type: "admin", id: adminId(admin), name: adminName(ctx, admin), email: adminEmail(admin) }
        : { type: "bot", id: "0", name: "Operator", email: "operator@example.com" },
      attachments: [],
      external_id: null,
      redacted: false,
    });
  }
  return parts;
}

/** Each state's [internal, external] label. */
export const TICKET_STATE_LABELS = STATE_LABELS;
