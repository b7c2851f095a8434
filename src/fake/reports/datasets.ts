/**
 * The fake workspace's reporting datasets (GET /export/reporting_data/get_datasets) and their rows. Rows are
 * pure functions of (seed, dataset, row index, workspace clock): row k of a dataset happens at a fixed time, so
 * a window's rows can be listed without memory, and rows appear as the clock moves on. Metrics that Intercom
 * computes only once a conversation closes (time to close, handling time) are empty until the close time has
 * passed, so a recent window changes after it was first exported, as Intercom's does.
 */
import type { GenContext } from "../context.ts";
import { hash } from "../hash.ts";
import { adminName } from "../records/admins.ts";
import { team } from "../records/teams.ts";
import { ID_BASE } from "../ids.ts";

/** How a value of an attribute is written into the CSV. */
export type AttributeKind = "id" | "time" | "duration" | "label" | "team" | "teammate" | "number" | "text";

export interface FakeAttribute {
  /** The simple id (ambiguous for custom attributes of the same name on two models). */
  id: string;
  /** "model.id" (2.16). */
  qualifiedId: string;
  /** The display name: the CSV's header. */
  name: string;
  kind: AttributeKind;
}

export interface FakeDataset {
  id: string;
  name: string;
  description: string;
  defaultTimeAttributeId: string;
  attributes: FakeAttribute[];
  /** Seconds between two rows; row k happens at ORIGIN + k * step + jitter. */
  step: number;
  /** Row k's values by attribute qualified id, computed at workspace time `now` (undefined and null: empty). */
  row(ctx: GenContext, k: number, at: number, now: number): Record<string, unknown>;
  /** Whether row k exists only from API 2.16 (conversations that never received a customer reply). */
  onlyFrom216?(ctx: GenContext, k: number): boolean;
}

/** Row times are counted from here (2020-01-01Z), so they do not depend on the workspace clock. */
export const ROW_ORIGIN = 1_577_836_800;
/** Reporting data is kept this long (Intercom: 2 years by default); enqueue refuses an earlier start_time. */
export const RETENTION_SECONDS = 2 * 365 * 86_400;

const KIND_REPORT = 0x5e90;

function pick(ctx: GenContext, dataset: number, k: number, salt: number, n: number): number {
  return hash(ctx.seed, KIND_REPORT + dataset, k, salt) % n;
}

const attr = (model: string, id: string, name: string, kind: AttributeKind): FakeAttribute => ({ id, qualifiedId: `${model}.${id}`, name, kind });

/** A team cell: its name, with the numeric id in the sibling `*_raw_id` column. */
export interface TeamRef {
  team: number;
}
export interface TeammateRef {
  admin: number;
}

export function teamName(ctx: GenContext, i: number): string {
  return String(team(ctx, i).name);
}
export function teamRawId(i: number): string {
  return String(ID_BASE.team + i);
}
export function teammateName(ctx: GenContext, i: number): string {
  return adminName(ctx, i);
}
export function teammateRawId(i: number): string {
  return String(ID_BASE.admin + i);
}

const CHANNELS = ["chat", "email", "whatsapp", "phone"] as const;
const BRANDS = ["Acme", "Globex", "Initech"] as const;
const PLANS = ["Free", "Pro", "Enterprise"] as const;

function closedConversation(ctx: GenContext, k: number, at: number, now: number) {
  const timeToClose = 600 + pick(ctx, 1, k, 3, 5 * 86_400);
  return { closed: at + timeToClose <= now, timeToClose };
}

const conversation: FakeDataset = {
  id: "conversation",
  name: "Conversation",
  description: "One row per conversation: its state, channel, assignment, first response and close times, CX score.",
  defaultTimeAttributeId: "conversation_started_at",
  step: 5_400,
  attributes: [
    attr("conversation", "conversation_id", "Conversation ID", "id"),
    attr("conversation", "conversation_started_at", "Conversation started at", "time"),
    attr("conversation", "conversation_state", "Conversation state", "label"),
    attr("conversation", "channel", "Channel", "label"),
    attr("conversation", "team_assigned", "Team currently assigned", "team"),
    attr("conversation", "teammate_assigned", "Teammate currently assigned", "teammate"),
    attr("conversation", "first_response_time", "Time to first response", "duration"),
    attr("conversation", "first_response_time_office_hours", "Time to first response (office hours)", "duration"),
    attr("conversation", "time_to_close", "Time to close", "duration"),
    attr("conversation", "conversation_closed_at", "Conversation closed at", "time"),
    attr("conversation", "cx_score", "CX score", "number"),
    attr("conversation", "cx_score_explanation", "CX score explanation", "text"),
    // Custom attributes of two models under one display name: the CSV repeats it as "Brand" and "Brand.1".
    attr("conversation", "Brand", "Brand", "text"),
    attr("people", "Brand", "Brand", "text"),
    attr("people", "Plan", "Plan, billed", "text"),
  ],
  row(ctx, k, at, now) {
    const { closed, timeToClose } = closedConversation(ctx, k, at, now);
    const firstResponse = 30 + pick(ctx, 1, k, 4, 4 * 3600);
    const responded = at + firstResponse <= now;
    const scored = closed && pick(ctx, 1, k, 5, 3) === 0;
    const explanation = [
      'The customer wrote "thanks, all sorted"',
      "Resolved quickly.\nCustomer confirmed, then closed.",
      'Waited, then got an answer; polite, "fine"',
    ][pick(ctx, 1, k, 6, 3)];
    return {
      "conversation.conversation_id": String(300_000_000 + k),
      "conversation.conversation_started_at": at,
      "conversation.conversation_state": closed ? "closed" : pick(ctx, 1, k, 7, 4) === 0 ? "snoozed" : "open",
      "conversation.channel": CHANNELS[pick(ctx, 1, k, 8, CHANNELS.length)],
      "conversation.team_assigned": pick(ctx, 1, k, 9, 5) === 0 ? null : { team: pick(ctx, 1, k, 10, ctx.sizes.teams) },
      "conversation.teammate_assigned": pick(ctx, 1, k, 11, 6) === 0 ? null : { admin: pick(ctx, 1, k, 12, ctx.sizes.admins) },
      "conversation.first_response_time": responded ? firstResponse : null,
      "conversation.first_response_time_office_hours": responded ? Math.floor(firstResponse * 0.6) : null,
      "conversation.time_to_close": closed ? timeToClose : null,
      "conversation.conversation_closed_at": closed ? at + timeToClose : null,
      "conversation.cx_score": scored ? 1 + pick(ctx, 1, k, 13, 5) : null,
      "conversation.cx_score_explanation": scored ? explanation : null,
      "conversation.Brand": BRANDS[pick(ctx, 1, k, 14, BRANDS.length)],
      "people.Brand": BRANDS[pick(ctx, 1, k, 15, BRANDS.length)],
      "people.Plan": pick(ctx, 1, k, 16, 4) === 0 ? null : PLANS[pick(ctx, 1, k, 17, PLANS.length)],
    };
  },
  onlyFrom216: (ctx, k) => pick(ctx, 1, k, 18, 5) === 0,
};

const slaStatusLog: FakeDataset = {
  id: "conversation_sla_status_log",
  name: "SLA status log",
  description: "One row per SLA applied to a conversation: the SLA, its target, whether it was hit or missed, the team.",
  defaultTimeAttributeId: "sla_applied_at",
  step: 7_200,
  attributes: [
    attr("conversation_sla_status_log", "conversation_id", "Conversation ID", "id"),
    attr("conversation_sla_status_log", "sla_name", "SLA name", "text"),
    attr("conversation_sla_status_log", "sla_target_type", "SLA target", "label"),
    attr("conversation_sla_status_log", "sla_status", "SLA status", "label"),
    attr("conversation_sla_status_log", "sla_applied_at", "SLA applied at", "time"),
    attr("conversation_sla_status_log", "sla_status_changed_at", "SLA status changed at", "time"),
    attr("conversation_sla_status_log", "team_assigned", "Team currently assigned", "team"),
  ],
  row(ctx, k, at, now) {
    const target = 900 + pick(ctx, 2, k, 1, 8 * 3600);
    const decided = at + target <= now;
    return {
      "conversation_sla_status_log.conversation_id": String(300_000_000 + pick(ctx, 2, k, 2, 100_000)),
      "conversation_sla_status_log.sla_name": ["Priority, 1h", 'Standard "8h"', "VIP"][pick(ctx, 2, k, 3, 3)],
      "conversation_sla_status_log.sla_target_type": ["first_reply", "next_reply", "time_to_close"][pick(ctx, 2, k, 4, 3)],
      "conversation_sla_status_log.sla_status": !decided ? "active" : pick(ctx, 2, k, 5, 4) === 0 ? "missed" : "hit",
      "conversation_sla_status_log.sla_applied_at": at,
      "conversation_sla_status_log.sla_status_changed_at": decided ? at + target : null,
      "conversation_sla_status_log.team_assigned": { team: pick(ctx, 2, k, 6, ctx.sizes.teams) },
    };
  },
};

const handling: FakeDataset = {
  id: "teammate_handling_conversation",
  name: "Teammate handling time",
  description: "One row per teammate who handled a conversation: when they started and how long they handled it.",
  defaultTimeAttributeId: "handling_started_at",
  step: 3_600,
  attributes: [
    attr("teammate_handling_conversation", "conversation_id", "Conversation ID", "id"),
    attr("teammate_handling_conversation", "teammate", "Teammate", "teammate"),
    attr("teammate_handling_conversation", "handling_started_at", "Handling started at", "time"),
    attr("teammate_handling_conversation", "handling_time", "Handling time", "duration"),
  ],
  row(ctx, k, at, now) {
    const duration = 60 + pick(ctx, 3, k, 1, 2 * 3600);
    return {
      "teammate_handling_conversation.conversation_id": String(300_000_000 + pick(ctx, 3, k, 2, 100_000)),
      "teammate_handling_conversation.teammate": { admin: pick(ctx, 3, k, 3, ctx.sizes.admins) },
      "teammate_handling_conversation.handling_started_at": at,
      "teammate_handling_conversation.handling_time": at + duration <= now ? duration : null,
    };
  },
};

const adminStatus: FakeDataset = {
  id: "admin_status_change",
  name: "Teammate status changes",
  description: "One row per change of a teammate's away status: when, to what, why, and how long it lasted.",
  defaultTimeAttributeId: "status_changed_at",
  step: 10_800,
  attributes: [
    attr("admin_status_change", "teammate", "Teammate", "teammate"),
    attr("admin_status_change", "status_changed_at", "Status changed at", "time"),
    attr("admin_status_change", "away_mode", "Status", "label"),
    attr("admin_status_change", "away_reason", "Away reason", "text"),
    attr("admin_status_change", "status_duration", "Time in status", "duration"),
  ],
  row(ctx, k, at, now) {
    const away = pick(ctx, 4, k, 1, 2) === 0;
    const lasted = 300 + pick(ctx, 4, k, 2, 6 * 3600);
    return {
      "admin_status_change.teammate": { admin: pick(ctx, 4, k, 3, ctx.sizes.admins) },
      "admin_status_change.status_changed_at": at,
      "admin_status_change.away_mode": away ? "away" : "active",
      "admin_status_change.away_reason": away ? ["Lunch", "In a meeting", "Off, sick"][pick(ctx, 4, k, 4, 3)] : null,
      "admin_status_change.status_duration": at + lasted <= now ? lasted : null,
    };
  },
};

const tickets: FakeDataset = {
  id: "tickets",
  name: "Tickets",
  description: "One row per ticket: its type, state, team, and the time it spent in each state.",
  defaultTimeAttributeId: "ticket_created_at",
  step: 14_400,
  attributes: [
    attr("ticket", "ticket_id", "Ticket ID", "id"),
    attr("ticket", "ticket_created_at", "Ticket created at", "time"),
    attr("ticket", "ticket_state", "Ticket state", "label"),
    attr("ticket", "team_assigned", "Team currently assigned", "team"),
    attr("ticket", "time_in_submitted", "Time in submitted", "duration"),
    attr("ticket", "time_in_in_progress", "Time in in progress", "duration"),
  ],
  row(ctx, k, at, now) {
    const submitted = 60 + pick(ctx, 5, k, 1, 86_400);
    const inProgress = 600 + pick(ctx, 5, k, 2, 3 * 86_400);
    const started = at + submitted <= now;
    const resolved = at + submitted + inProgress <= now;
    return {
      "ticket.ticket_id": String(400_000_000 + k),
      "ticket.ticket_created_at": at,
      "ticket.ticket_state": resolved ? "resolved" : started ? "in_progress" : "submitted",
      "ticket.team_assigned": { team: pick(ctx, 5, k, 3, ctx.sizes.teams) },
      "ticket.time_in_submitted": started ? submitted : null,
      "ticket.time_in_in_progress": resolved ? inProgress : null,
    };
  },
};

export const FAKE_DATASETS: readonly FakeDataset[] = [conversation, slaStatusLog, handling, adminStatus, tickets];

export function fakeDataset(id: string): FakeDataset | undefined {
  return FAKE_DATASETS.find((d) => d.id === id);
}

/** When row k of `dataset` happens (unix seconds). */
export function rowTime(ctx: GenContext, dataset: FakeDataset, k: number): number {
  return ROW_ORIGIN + k * dataset.step + (hash(ctx.seed, KIND_REPORT, FAKE_DATASETS.indexOf(dataset), k) % dataset.step);
}

/** The indices of the rows that happen in [start, end), as of `now` (rows after `now` do not exist yet). */
export function* rowIndices(ctx: GenContext, dataset: FakeDataset, start: number, end: number, now: number): Generator<number> {
  const last = Math.min(end, now + 1);
  let k = Math.max(0, Math.floor((start - ROW_ORIGIN) / dataset.step) - 1);
  for (;; k++) {
    const at = rowTime(ctx, dataset, k);
    if (at >= last) return;
    if (at >= start) yield k;
  }
}
