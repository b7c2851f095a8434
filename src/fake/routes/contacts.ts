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
