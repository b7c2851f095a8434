/**
 * Conversations in the list/search shape (no parts) and their parts. A conversation's base updated_at is
 * the creation time of its newest base part, so updated_at >= every part's created_at holds.
 */
import { baseContactId, contactExternalId, type GenContext, type Rec } from "../context.ts";
import { hash, KIND, Rand } from "../hash.ts";
import { ID_BASE, numericId, PART_SLOTS } from "../ids.ts";
import { DAY } from "../timeline.ts";
import { SENTENCES } from "../words.ts";
import { adminEmail, adminId, adminName } from "./admins.ts";
import { contact } from "./contacts.ts";
import { withInstanceRefs } from "./custom-objects.ts";
import { tagId, tagName } from "./tags.ts";
import { ticketCategory, ticketId } from "./tickets.ts";

export function conversationId(i: number): string {
  return numericId(ID_BASE.conversation, i);
}

/** 1..maxParts parts, except a few conversations past the API's 500-part cap (always #13 when there are >= 20). */
export function basePartCount(ctx: GenContext, i: number): number {
  const h = hash(ctx.seed, KIND.bigConversation, i);
  if ((ctx.sizes.conversations >= 20 && i === 13) || h % 500 === 7) return 501 + (h % 60);
  return 1 + (h % Math.max(ctx.sizes.maxParts, 1));
}

/** When base part k was created: spread from just after the conversation started to its base updated_at. */
export function basePartCreatedAt(ctx: GenContext, i: number, k: number, count = basePartCount(ctx, i)): number {
  const start = ctx.conversations.createdAt(i);
  const end = ctx.conversations.updatedAt(i);
  return start + Math.floor(((k + 1) * (end - start)) / count);
}

function contactAuthor(ctx: GenContext, c: number): Rec {
  const who = contact(ctx, c);
  return { type: who.role, id: who.id, name: who.name, email: who.email };
}

function adminAuthor(a: number, ctx: GenContext): Rec {
  return { type: "admin", id: adminId(a), name: adminName(ctx, a), email: adminEmail(a) };
}

export function conversationContactIndex(ctx: GenContext, i: number): number {
  return hash(ctx.seed, KIND.conversation, i, 5) % Math.max(ctx.sizes.contacts, 1);
}

export function conversation(ctx: GenContext, i: number, partCount = basePartCount(ctx, i), updatedAt = ctx.conversations.updatedAt(i)): Rec {
  const r = new Rand(ctx.seed, KIND.conversation, i);
  const createdAt = ctx.conversations.createdAt(i);
  const hasContact = ctx.sizes.contacts > 0;
  const c = conversationContactIndex(ctx, i);
  const hasAdmins = ctx.sizes.admins > 0;
  const adminIndex = hasAdmins ? r.int(ctx.sizes.admins) : 0;
  const customerInitiated = hasContact && (!hasAdmins || r.chance(0.8));
  const state = r.pick(["open", "closed", "closed", "snoozed"] as const);
  const assigned = hasAdmins && r.chance(0.7);
  const teamAssigned = ctx.sizes.teams > 0 && r.chance(0.5);
  const tags: Rec[] = [];
  if (ctx.sizes.tags > 0 && r.chance(0.3)) {
    const t = r.int(ctx.sizes.tags);
    tags.push({ type: "tag", id: tagId(t), name: tagName(t), applied_at: createdAt + 60, applied_by: { type: "admin", id: adminId(adminIndex) } });
  }
  const firstReply = customerInitiated ? createdAt + r.int(3_600) : null;
  const record: Rec = {
    type: "conversation",
    id: conversationId(i),
    title: r.chance(0.3) ? r.pick(SENTENCES) : null,
    created_at: createdAt,
    updated_at: updatedAt,
    waiting_since: state === "open" && r.chance(0.5) ? updatedAt : null,
    snoozed_until: state === "snoozed" ? ctx.baseNow + r.between(1, 7) * DAY : null,
    open: state !== "closed",
    state,
    read: r.chance(0.7),
    priority: r.chance(0.1) ? "priority" : "not_priority",
    admin_assignee_id: assigned ? ID_BASE.admin + adminIndex : null,
    team_assignee_id: teamAssigned ? ID_BASE.team + r.int(ctx.sizes.teams) : null,
    tags: { type: "tag.list", tags },
    source: {
      type: r.pick(["conversation", "conversation", "email", "whatsapp"] as const),
      id: String(400_000_000 + i),
      delivered_as: customerInitiated ? "customer_initiated" : "admin_initiated",
      subject: "",
      body: `<p>${r.pick(SENTENCES)}</p>`,
      author: customerInitiated ? contactAuthor(ctx, c) : adminAuthor(adminIndex, ctx),
      attachments: [],
      url: null,
      redacted: false,
    },
    contacts: hasContact
      ? { type: "contact.list", contacts: [{ type: "contact", id: baseContactId(ctx, c), external_id: contactExternalId(ctx, c) }] }
      : { type: "contact.list", contacts: [] },
    teammates: { type: "admin.list", teammates: hasAdmins ? [{ type: "admin", id: adminId(adminIndex) }] : [] },
    custom_attributes: withInstanceRefs(ctx, i, r.chance(0.5) ? { "Issue type": r.pick(["Bug", "Billing", "Question"]) } : {}),
    topics: {},
    first_contact_reply: firstReply === null ? null : { created_at: firstReply, type: "conversation", url: null },
    sla_applied: null,
    statistics: {
      type: "conversation_statistics",
      time_to_assignment: r.int(600),
      time_to_admin_reply: r.int(7_200),
      time_to_first_close: r.int(86_400),
      time_to_last_close: r.int(86_400),
      median_time_to_reply: r.int(3_600),
      first_contact_reply_at: firstReply ?? createdAt,
      first_assignment_at: createdAt + 30,
      first_admin_reply_at: createdAt + 90,
      first_close_at: createdAt + 600,
      last_assignment_at: createdAt + 30,
      last_assignment_admin_reply_at: createdAt + 90,
      last_contact_reply_at: firstReply ?? createdAt,
      last_admin_reply_at: createdAt + 90,
      last_close_at: createdAt + 600,
      last_closed_by_id: adminId(adminIndex),
      count_reopens: r.int(3),
      count_assignments: r.int(4),
      count_conversation_parts: partCount,
    },
    linked_objects: conversationLinkedObjects(ctx, i),
    ai_agent_participated: false,
    ai_agent: null,
  };
  if (hasContact && state === "closed" && r.chance(0.3)) {
    record.conversation_rating = {
      rating: r.between(1, 5),
      remark: "",
      created_at: createdAt + 700,
      contact: { type: "contact", id: baseContactId(ctx, c), external_id: contactExternalId(ctx, c) },
      teammate: { type: "admin", id: adminId(adminIndex) },
    };
  }
  return record;
}

/**
 * The tickets and conversations conversation i is linked to (about a third link 1 or 2): a linked ticket's category
 * is its category, a linked conversation's is null. Drawn apart from the conversation's own fields, so they keep
 * their values.
 */
export function conversationLinkedObjects(ctx: GenContext, i: number): Rec {
  const r = new Rand(ctx.seed, KIND.conversationLink, i);
  const data: Rec[] = [];
  if (r.chance(0.35)) {
    const count = 1 + r.int(2);
    for (let k = 0; k < count; k++) {
      const toConversation = ctx.sizes.conversations > 1 && (ctx.sizes.tickets === 0 || r.chance(0.3));
      if (toConversation) {
        data.push({
          type: "conversation",
          id: conversationId((i + 1 + r.int(ctx.sizes.conversations - 1)) % ctx.sizes.conversations),
          category: null,
        });
      } else if (ctx.sizes.tickets > 0) {
        const j = r.int(ctx.sizes.tickets);
        data.push({ type: "ticket", id: ticketId(j), category: ticketCategory(ctx, j) });
      }
    }
  }
  const unique = data.filter((link, index) => data.findIndex((other) => other.type === link.type && other.id === link.id) === index);
  return { type: "list", total_count: unique.length, has_more: false, data: unique };
}

export function partId(conversation: number, k: number): string {
  return String(ID_BASE.part + conversation * PART_SLOTS + k);
}

export function conversationPart(ctx: GenContext, i: number, k: number, createdAt: number): Rec {
  const r = new Rand(ctx.seed, KIND.part, i * PART_SLOTS + k);
  const hasAdmins = ctx.sizes.admins > 0;
  const byAdmin = hasAdmins && (ctx.sizes.contacts === 0 || r.chance(0.5));
  const partType = byAdmin ? r.pick(["comment", "note", "assignment", "close", "open"] as const) : "comment";
  const admin = hasAdmins ? r.int(ctx.sizes.admins) : 0;
  return {
    type: "conversation_part",
    id: partId(i, k),
    part_type: partType,
    body: partType === "comment" || partType === "note" ? `<p>${r.pick(SENTENCES)}</p>` : null,
    created_at: createdAt,
    updated_at: createdAt,
    notified_at: createdAt,
    assigned_to: partType === "assignment" ? { type: "admin", id: adminId(admin) } : null,
    author: byAdmin ? adminAuthor(admin, ctx) : contactAuthor(ctx, conversationContactIndex(ctx, i)),
    attachments: [],
    external_id: null,
    redacted: false,
  };
}
