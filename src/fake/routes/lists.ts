/** The small unpaginated lists that take more than a line: admins, segments, data attributes, and /me. */
import { admin, me } from "../records/admins.ts";
import { conversationAttributes216, conversationDataAttributes, dataAttributes } from "../records/data-attributes.ts";
import { segmentSize } from "../company-groups.ts";
import { segment } from "../records/segments.ts";
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
  return json({ type: "admin.list", admins: ws.live("admins", times(ws.ctx.sizes.admins, (i) => admin(ws.ctx, i, avatar))) });
}

export function listSegments({ ws, url }: RouteContext): Response {
  const count = truthy(url.searchParams.get("include_count"));
  const segments = ws.live(
    "segments",
    times(ws.ctx.sizes.segments, (i) => {
      const plain = segment(ws.ctx, i);
      return count ? segment(ws.ctx, i, segmentSize(ws, String(plain.id))) : plain;
    }),
  );
  return json({ type: "segment.list", segments });
}

export function listDataAttributes({ ws, url, requestId, version }: RouteContext): Response {
  const model = url.searchParams.get("model");
  const archived = truthy(url.searchParams.get("include_archived"));
  const contact = () => ws.live("contact_attributes", dataAttributes(ws.ctx, "contact", archived));
  const company = () => ws.live("company_attributes", dataAttributes(ws.ctx, "company", archived));
  const conversationAttributes = () => ws.live("conversation_attributes", conversationDataAttributes(ws.ctx, archived));
  if (model === "contact") return json({ type: "list", data: contact() });
  if (model === "company") return json({ type: "list", data: company() });
  // 2.16 lists conversation attributes only at GET /conversations/attributes (its description: 422, and none without a model).
  const conversationsHere = version !== "2.16";
  if (model === null) {
    const conversation = conversationsHere ? conversationAttributes() : [];
    return json({ type: "list", data: [...contact(), ...company(), ...conversation] });
  }
  if (model === "conversation") {
    if (conversationsHere) return json({ type: "list", data: conversationAttributes() });
    return errorList(422, "parameter_invalid", "model=conversation is no longer supported. Use GET /conversations/attributes instead", requestId);
  }
  return errorList(400, "parameter_invalid", `model must be one of contact, company${conversationsHere ? ", conversation" : ""}`, requestId);
}

/** GET /conversations/attributes: new in 2.16; earlier versions answer as Intercom does for a resource they lack. */
export function listConversationAttributes({ ws, url, requestId, version }: RouteContext): Response {
  if (version !== "2.16") {
    return errorList(400, "intercom_version_invalid", "Requested resource is not available in current API version.", requestId);
  }
  return json({
    type: "list",
    data: ws.live("conversation_attributes", conversationAttributes216(ws.ctx, truthy(url.searchParams.get("include_archived")))),
  });
}
