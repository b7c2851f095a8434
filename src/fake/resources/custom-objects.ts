/**
 * Custom object instances (API 2.14+), read with the conversations' permission (a guess: the descriptions name no
 * permission). GET …/{type}/{id} takes an id or an external_id, as the description says; GET …/{type} answers the
 * one instance named by `external_id` (2.14) or, without it, every instance in page-numbered pages (2.16). A type
 * the workspace does not define is 404; a workspace with `customObjectInstances: 0` defines none.
 */
import { PERMISSION } from "../permissions.ts";
import { CUSTOM_OBJECT_TYPE, customObjectInstance } from "../records/custom-objects.ts";
import type { Rec } from "../context.ts";
import { errorList, json } from "../respond.ts";
import { pageNumberedList } from "../routes/page-numbered.ts";
import type { RouteContext } from "../routes/route.ts";
import type { Workspace } from "../workspace.ts";
import { type FakeResource, range } from "./resource.ts";

function instances(ws: Workspace): Rec[] {
  return [...range(ws.ctx.sizes.customObjectInstances, (k) => customObjectInstance(ws.ctx, k))];
}

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
  return pageNumberedList(context, instances(ws));
}

/** The instances the workspace's conversations refer to, each once, in id order: what the stream exports. */
function referenced(ws: Workspace): Rec[] {
  const byId = new Map<string, Rec>();
  for (const conversation of ws.conversations.all()) {
    const list = (conversation.custom_attributes as Rec | undefined)?.[CUSTOM_OBJECT_TYPE] as { instances?: Rec[] } | undefined;
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
