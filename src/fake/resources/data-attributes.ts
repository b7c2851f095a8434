/**
 * Data attributes of contacts, companies and conversations: GET /data_attributes by `model`, and from 2.16
 * GET /conversations/attributes for the conversations' (routes/lists.ts). Their number is fixed, not a size.
 */
import { PERMISSION } from "../permissions.ts";
import { conversationDataAttributes, dataAttributes } from "../records/data-attributes.ts";
import { listConversationAttributes, listDataAttributes } from "../routes/lists.ts";
import type { FakeResource } from "./resource.ts";

export const dataAttributeResource: FakeResource = {
  records: {
    contact_attributes: (ws) => dataAttributes(ws.ctx, "contact", false),
    company_attributes: (ws) => dataAttributes(ws.ctx, "company", false),
    conversation_attributes: (ws) => conversationDataAttributes(ws.ctx, false),
  },
  routes: [
    { method: "GET", path: "/data_attributes", permission: PERMISSION.users, handle: listDataAttributes },
    { method: "GET", path: "/conversations/attributes", permission: PERMISSION.users, handle: listConversationAttributes },
  ],
};
