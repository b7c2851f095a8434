/** Admin activity logs; base created_at never decreases with the index, for windowed reads. */
import type { GenContext, Rec } from "../context.ts";
import { KIND, Rand } from "../hash.ts";
import { uuid } from "../ids.ts";
import { DAY, spread } from "../timeline.ts";
import { adminEmail, adminId, adminName } from "./admins.ts";

const TYPES = [
  ["admin_login_success", (who: string) => `${who} successfully logged in.`],
  ["admin_logout", (who: string) => `${who} logged out.`],
  ["admin_away_mode_change", (who: string) => `${who} changed their away mode.`],
  ["app_name_change", (who: string) => `${who} changed your app name from before to after.`],
  ["message_state_change", (who: string) => `${who} changed a message's state.`],
  ["seat_change", (who: string) => `${who} changed a seat.`],
] as const;

/** The names of the kinds of event the fake's activity logs have (GET /admins/activity_log_event_types). */
export const ACTIVITY_TYPES: readonly string[] = TYPES.map(([name]) => name);

export function activityLogCreatedAt(ctx: GenContext, i: number): number {
  return spread(i, ctx.sizes.activityLogs, ctx.baseNow - 730 * DAY + 5_000, ctx.baseNow - 60);
}

export function activityLogId(ctx: GenContext, i: number): string {
  return uuid(ctx.seed, KIND.activityLog, i);
}

export function activityLog(ctx: GenContext, i: number, createdAt = activityLogCreatedAt(ctx, i)): Rec {
  const r = new Rand(ctx.seed, KIND.activityLog, i);
  const a = r.int(Math.max(ctx.sizes.admins, 1));
  const [activityType, describe] = r.pick(TYPES);
  return {
    id: activityLogId(ctx, i),
    performed_by: { type: "admin", id: adminId(a), email: adminEmail(a), ip: `127.0.0.${1 + r.int(250)}` },
    metadata: activityType === "admin_login_success" ? { sign_in_method: "email_password" } : { source: "web" },
    created_at: createdAt,
    activity_type: activityType,
    activity_description: describe(adminName(ctx, a)),
  };
}
