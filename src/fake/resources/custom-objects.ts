/**
 * Custom object instances (API 2.14+), read with the conversations' permission (a guess: the descriptions name no
 * permission). GET …/{type}/{id} takes an id or an external_id, as the description says; GET …/{type} answers the
 * one instance named by `external_id` (2.14) or, without it, every instance in page-numbered pages (2.16; `per_page`
 * at most 150, as the description says). A type the workspace does not define is 404; a workspace with
 * `customObjectInstances: 0` defines none. A deleted instance (Workspace.deleteRecord) is neither listed nor served.
 */
import { PERMISSION } from "../permissions.ts";
import { CUSTOM_OBJECT_TYPE, customObjectInstance } from "../records/custom-objects.ts";
import type { Rec } from "../context.ts";
import { errorList, json } from "../respond.ts";
import { pageNumberedList } from "../routes/page-numbered.ts";
import type { RouteContext } from "../routes/route.ts";
import type { Workspace } from "../workspace.ts";
import { type FakeResource, range } from "./resource.ts";

/** Every instance of the workspace's type, but those deleted (Workspace.deleteRecord). */
function instances(ws: Workspace): Rec[] {
  return ws.live("custom_object_instances", [...range(ws.ctx.sizes.customObjectInstances, (k) => customObjectInstance(ws.ctx, k))]);
}

/** The description's most per page. */
const MAX_PER_PAGE = 150;

function definesType(ws: Workspace, type: string | undefined): boolean {
  return ws.ctx.sizes.customObjectInstances > 0 && type === CUSTOM_OBJECT_TYPE;
}

function getInstance({ ws, params, requestId }: RouteContext): Response {
  const [type, id] = params;
  const found = definesType(ws, type) ? instances(ws).find((record) => record.id === id || record.external_id === id) : undefined;
  return found ? json(found) : errorList(404, "not_found", "Custom object instance not found", requestId);
}

function listInstances(context: RouteContext): Response {
  const { ws, params, url, requestId } = context;
  if (!definesType(ws, params[0])) return errorList(404, "not_found", "Custom object type not found", requestId);
  const externalId = url.searchParams.get("external_id");
  if (externalId !== null) {
    const found = instances(ws).find((record) => record.external_id === externalId);
    return found ? json(found) : errorList(404, "not_found", "Custom object instance not found", requestId);
  }
  const perPage = url.searchParams.get("per_page");
  if (perPage !== null && Number(perPage) > MAX_PER_PAGE) {
    return errorList(400, "parameter_invalid", `per_page must be at most ${MAX_PER_PAGE}`, requestId);
  }
  return pageNumberedList(context, instances(ws));
}

/**
 * The instances the workspace's conversations (custom attributes) and tickets (ticket attributes) refer to, each
 * once, in id order: what the stream exports without --custom-object-types.
 */
function referenced(ws: Workspace): Rec[] {
  const byId = new Map<string, Rec>();
  const parents = [
    ...[...ws.conversations.all()].map((conversation) => conversation.custom_attributes),
    ...[...ws.tickets.all()].map((ticket) => ticket.ticket_attributes),
  ];
  for (const attributes of parents) {
    const list = (attributes as Rec | undefined)?.[CUSTOM_OBJECT_TYPE] as { instances?: Rec[] } | undefined;
    for (const instance of list?.instances ?? []) byId.set(String(instance.id), instance);
  }
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

/** The type's segment, captured as the router captures every one ({id}). */
const TYPE = "/custom_object_instances/{id}";

export const customObjects: FakeResource = {
  records: { custom_object_instances: referenced },
  routes: [
    { method: "GET", path: TYPE, permission: PERMISSION.conversations, since: "2.14", handle: listInstances },
    { method: "GET", path: `${TYPE}/{id}`, permission: PERMISSION.conversations, since: "2.14", handle: getInstance },
  ],
  sizes: { customObjectInstances: 12 },
};
