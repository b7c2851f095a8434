/** Admins (teammates) and their team membership, which teams read from the other side. */
import { type GenContext, type Rec } from "../context.ts";
import { hash, KIND, Rand } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { FIRST_NAMES, LAST_NAMES } from "../words.ts";

export function adminId(i: number): string {
  return numericId(ID_BASE.admin, i);
}

/** Every admin is in the team `i % teams`, and in some others by chance. */
export function isTeamMember(ctx: GenContext, admin: number, team: number): boolean {
  return admin % ctx.sizes.teams === team || hash(ctx.seed, KIND.membership, admin, team) % 4 === 0;
}

export function adminName(ctx: GenContext, i: number): string {
  const r = new Rand(ctx.seed, KIND.admin, i);
  return `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
}

export function adminEmail(i: number): string {
  return `admin${i + 1}@example.com`;
}

export function admin(ctx: GenContext, i: number, displayAvatar = false): Rec {
  const r = new Rand(ctx.seed, KIND.admin, i);
  const teamIds: number[] = [];
  for (let t = 0; t < ctx.sizes.teams; t++) {
    if (isTeamMember(ctx, i, t)) teamIds.push(ID_BASE.team + t);
  }
  const away = r.chance(0.15);
  const record: Rec = {
    type: "admin",
    email: adminEmail(i),
    id: adminId(i),
    name: adminName(ctx, i),
    job_title: r.pick(["Support Engineer", "Account Manager", "Head of Support", ""]),
    away_mode_enabled: away,
    away_mode_reassign: away && r.chance(0.5),
    has_inbox_seat: r.chance(0.85),
    team_ids: teamIds,
    team_priority_level: { primary_team_ids: teamIds.slice(0, 1), secondary_team_ids: teamIds.slice(1) },
  };
  if (displayAvatar) {
    record.avatar = { image_url: `https://static.example.com/avatars/admins/${i + 1}.png` };
  }
  return record;
}

/** GET /me: the token's admin with the workspace ("app") embedded. */
export function me(ctx: GenContext): Rec {
  const first = admin(ctx, 0);
  return {
    type: "admin",
    id: first.id,
    email: first.email,
    name: first.name,
    email_verified: true,
    app: {
      type: "app",
      id_code: ctx.appId,
      name: "Fake Workspace",
      created_at: ctx.baseNow - 800 * 86_400,
      identity_verification: false,
      timezone: ctx.timezone,
      region: "US",
    },
    avatar: { type: "avatar", image_url: `https://static.example.com/avatars/admins/1.png` },
    has_inbox_seat: first.has_inbox_seat,
    job_title: first.job_title,
    away_mode_enabled: first.away_mode_enabled,
    away_mode_reassign: first.away_mode_reassign,
    team_ids: first.team_ids,
  };
}
