/**
 * The Content Data Export's receipts: one row per delivery of an outbound message, with the columns of the
 * description's `data_export_csv`, receipt k sent a day after receipt k - 1 from 30 days before the workspace's
 * base time (so a workspace moved forward in time has new ones). Integers are unix seconds, or null.
 */
import { baseContactId, contactExternalId, type GenContext, type Rec } from "../context.ts";
import { KIND, Rand } from "../hash.ts";
import { DAY } from "../timeline.ts";

/** The columns in the order the description lists them (and the download writes them). */
export const RECEIPT_COLUMNS = [
  "user_id",
  "user_external_id",
  "company_id",
  "email",
  "name",
  "ruleset_id",
  "content_id",
  "content_type",
  "content_title",
  "ruleset_version_id",
  "receipt_id",
  "received_at",
  "series_id",
  "series_title",
  "node_id",
  "first_reply",
  "first_completion",
  "first_series_completion",
  "first_series_disengagement",
  "first_series_exit",
  "first_goal_success",
  "first_open",
  "first_click",
  "first_dismisall",
  "first_unsubscribe",
  "first_hard_bounce",
] as const;

const CONTENT = [
  { type: "Email", title: "Welcome to Acme" },
  { type: "Post", title: "What's new in March" },
  { type: "Survey", title: "How are we doing?" },
  { type: "Tour", title: 'Getting started, "the quick way"' },
] as const;

export function receiptSentAt(ctx: GenContext, k: number): number {
  return ctx.baseNow - 30 * DAY + k * DAY + 3_600;
}

export function contentReceipt(ctx: GenContext, k: number): Rec {
  const r = new Rand(ctx.seed, KIND.contentReceipt, k);
  const sent = receiptSentAt(ctx, k);
  const content = CONTENT[k % CONTENT.length]!;
  const c = r.int(Math.max(ctx.sizes.contacts, 1));
  const inSeries = r.chance(0.3);
  const later = (odds: number) => (r.chance(odds) ? sent + 60 + r.int(DAY / 2) : null);
  return {
    user_id: ctx.sizes.contacts > 0 ? baseContactId(ctx, c) : "",
    user_external_id: ctx.sizes.contacts > 0 ? contactExternalId(ctx, c) ?? "" : "",
    company_id: r.chance(0.5) ? String(5_000_000 + r.int(50)) : "-1",
    email: `person${c}@example.com`,
    name: `Person ${c}, Jr.`,
    ruleset_id: String(800_000 + (k % CONTENT.length)),
    content_id: String(900_000 + (k % CONTENT.length) * 2 + r.int(2)),
    content_type: content.type,
    content_title: content.title,
    ruleset_version_id: String(700_000 + (k % CONTENT.length)),
    receipt_id: String(60_000_000 + k),
    received_at: sent,
    series_id: inSeries ? String(40_000 + (k % 3)) : "-1",
    series_title: inSeries ? `Onboarding ${k % 3}` : "",
    node_id: inSeries ? String(41_000 + (k % 5)) : "-1",
    first_reply: content.type === "Email" ? later(0.2) : null,
    first_completion: content.type === "Survey" || content.type === "Tour" ? later(0.5) : null,
    first_series_completion: inSeries ? later(0.2) : null,
    first_series_disengagement: null,
    first_series_exit: inSeries ? later(0.1) : null,
    first_goal_success: later(0.1),
    first_open: later(0.6),
    first_click: later(0.3),
    first_dismisall: content.type === "Post" ? later(0.2) : null,
    first_unsubscribe: content.type === "Email" ? later(0.05) : null,
    first_hard_bounce: content.type === "Email" ? later(0.02) : null,
  };
}
