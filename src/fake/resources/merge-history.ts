/**
 * Each user's merge history: read with the contacts' permission, from API 2.16 on. GET /contacts/{id}/merge_history
 * answers `per_page` (1–150, default 50) entries, newest first, with `has_more` and a `next_cursor` (the offset,
 * Base64) to pass back as `cursor`; a lead answers 404, as the description says.
 */
import type { Rec } from "../context.ts";
import { PERMISSION } from "../permissions.ts";
import { mergeHistory } from "../records/merge-history.ts";
import { errorList, json } from "../respond.ts";
import { contactOf } from "../routes/contacts.ts";
import type { RouteContext } from "../routes/route.ts";
import type { Workspace } from "../workspace.ts";
import type { FakeResource } from "./resource.ts";

const historyOf = (
  ws: Workspace,
  i: number,
  contact: Rec,
) => (contact.role === "user" ? mergeHistory(ws.ctx, i, Number(contact.created_at)) : undefined);

function* rows(ws: Workspace): Generator<Rec> {
  for (let i = 0; i < ws.contacts.nextIndex(); i++) {
    const contact = ws.contacts.current(i);
    if (!contact || ws.mergedContacts.has(String(contact.id))) continue;
    for (const entry of historyOf(ws, i, contact) ?? []) yield { ...entry, contact_id: contact.id };
  }
}

function listMergeHistory(context: RouteContext): Response {
  const found = contactOf(context);
  if (found instanceof Response) return found;
  const history = historyOf(context.ws, found.index, context.ws.contacts.current(found.index)!);
  if (history === undefined) return errorList(404, "not_found", "Contact Not Found", context.requestId);
  const perPage = Number(context.url.searchParams.get("per_page") ?? "50");
  const cursor = context.url.searchParams.get("cursor");
  let offset = 0;
  try {
    offset = cursor === null ? 0 : Number(atob(cursor));
  } catch {
    offset = Number.NaN;
  }
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > 150 || !Number.isInteger(offset) || offset < 0) {
    return errorList(400, "parameter_invalid", "per_page must be between 1 and 150, cursor one this endpoint gave", context.requestId);
  }
  const end = offset + perPage;
  const more = end < history.length;
  return json({ type: "list", data: history.slice(offset, end), ...(more ? { next_cursor: btoa(String(end)) } : {}), has_more: more });
}

export const mergeHistoryResource: FakeResource = {
  records: { contact_merge_history: rows },
  routes: [{ method: "GET", path: "/contacts/{id}/merge_history", permission: PERMISSION.users, since: "2.16", handle: listMergeHistory }],
};
