/** Teams, whose admin_ids agree with each admin's team_ids. */
import type { GenContext, Rec } from "../context.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { isTeamMember } from "./admins.ts";

const TEAM_NAMES = ["Support", "Billing", "Onboarding", "Escalations", "Sales", "VIP"] as const;

export function teamId(i: number): string {
  return numericId(ID_BASE.team, i);
}

export function team(ctx: GenContext, i: number): Rec {
  const adminIds: number[] = [];
  for (let a = 0; a < ctx.sizes.admins; a++) {
    if (isTeamMember(ctx, a, i)) adminIds.push(ID_BASE.admin + a);
  }
  const base = TEAM_NAMES[i % TEAM_NAMES.length] ?? "Team";
  return {
    type: "team",
    id: teamId(i),
    name: i < TEAM_NAMES.length ? base : `${base} ${Math.floor(i / TEAM_NAMES.length) + 1}`,
    admin_ids: adminIds,
    admin_priority_level: { primary_admin_ids: adminIds.slice(0, 1), secondary_admin_ids: adminIds.slice(1) },
  };
}
