/** The small unpaginated lists: admins, teams, tags, segments, data attributes, and /me. */
import { me, admin } from "../records/admins.ts";
import { dataAttributes } from "../records/data-attributes.ts";
import { segment } from "../records/segments.ts";
import { tag } from "../records/tags.ts";
import { team } from "../records/teams.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

function times<T>(n: number, f: (i: number) => T): T[] {
  return Array.from({ length: n }, (_, i) => f(i));
}

const truthy = (value: string | null) => value === "true" || value === "1";

export function getMe({ ws }: RouteContext): Response {
  return json(me(ws.ctx));
}

export function listAdmins({ ws, url }: RouteContext): Response {
  const avatar = truthy(url.searchParams.get("display_avatar"));
  return json({ type: "admin.list", admins: times(ws.ctx.sizes.admins, (i) => admin(ws.ctx, i, avatar)) });
}

export function listTeams({ ws }: RouteContext): Response {
  return json({ type: "team.list", teams: times(ws.ctx.sizes.teams, (i) => team(ws.ctx, i)) });
}

export function listTags({ ws }: RouteContext): Response {
  return json({ type: "list", data: times(ws.ctx.sizes.tags, (i) => tag(ws.ctx, i)) });
}

export function listSegments({ ws, url }: RouteContext): Response {
  const count = truthy(url.searchParams.get("include_count"));
  return json({ type: "segment.list", segments: times(ws.ctx.sizes.segments, (i) => segment(ws.ctx, i, count)) });
}

export function listDataAttributes({ ws, url, requestId }: RouteContext): Response {
  const model = url.searchParams.get("model");
  const archived = truthy(url.searchParams.get("include_archived"));
  if (model === "contact" || model === "company") return json({ type: "list", data: dataAttributes(ws.ctx, model, archived) });
  if (model === null) {
    return json({ type: "list", data: [...dataAttributes(ws.ctx, "contact", archived), ...dataAttributes(ws.ctx, "company", archived)] });
  }
  // The fake has no conversation attributes; other models are not in 2.11's enum.
  if (model === "conversation") return json({ type: "list", data: [] });
  return errorList(400, "parameter_invalid", `model must be one of contact, company, conversation`, requestId);
}
