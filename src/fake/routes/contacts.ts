/**
 * GET /contacts/{id}: one contact. A contact merged into another answers 410 Gone from API 2.16 on, with a
 * `Link` header to the contact it was merged into and the `contact_merged` error (2.16 description, ShowContact);
 * earlier versions answer 404, as for any contact that is no longer there.
 */
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "./route.ts";

export function getContact({ ws, params, requestId, version }: RouteContext): Response {
  const id = params[0] ?? "";
  const mergedInto = ws.mergedContacts.get(id);
  if (mergedInto !== undefined && version === "2.16") {
    const message = "This contact has been merged. See the 'Link' header for the canonical contact.";
    return errorList(410, "contact_merged", message, requestId, { Link: `</contacts/${mergedInto}>; rel="canonical"` });
  }
  const i = ws.contactIndex(id);
  const record = i === undefined ? undefined : ws.contacts.current(i);
  if (mergedInto !== undefined || !record) return errorList(404, "not_found", "User Not Found", requestId);
  return json(record);
}

/** The contact a child route names, or the answer GET /contacts/{id} would give for a missing or merged one. */
export function contactOf(context: RouteContext): { index: number } | Response {
  const id = context.params[0] ?? "";
  const index = context.ws.contactIndex(id);
  const record = index === undefined ? undefined : context.ws.contacts.current(index);
  if (index === undefined || !record || context.ws.mergedContacts.has(id)) return getContact(context);
  return { index };
}

/** GET /contacts/{id}/segments: one unpaged `list` (contact_segments; no total_count, as in the spec). */
export function contactSegments(context: RouteContext): Response {
  const contact = contactOf(context);
  if (contact instanceof Response) return contact;
  return json({ type: "list", data: context.ws.contactSegments(contact.index) });
}

/**
 * GET /contacts/{id}/notes: page-number pages (`page`, `per_page`, default 15 as 2.11 documents), newest first,
 * with `total_count`, and `pages.next` null as in the spec's example: `page` below `total_pages` says there is more.
 */
export function contactNotes(context: RouteContext): Response {
  const contact = contactOf(context);
  if (contact instanceof Response) return contact;
  const page = Number(context.url.searchParams.get("page") ?? "1");
  const perPage = Number(context.url.searchParams.get("per_page") ?? "15");
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(perPage) || perPage < 1 || perPage > 150) {
    return errorList(400, "parameter_invalid", "page must be ≥ 1 and per_page between 1 and 150", context.requestId);
  }
  const all = context.ws.contactNotes(contact.index);
  const totalPages = Math.max(1, Math.ceil(all.length / perPage));
  return json({
    type: "list",
    data: all.slice((page - 1) * perPage, page * perPage),
    total_count: all.length,
    pages: { type: "pages", next: null, page, per_page: perPage, total_pages: totalPages },
  });
}
