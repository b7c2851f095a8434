import { KEY_NOTE } from "./data-attributes.ts";
import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

const ADDED_ON_216 = "On 2.16 (GET /conversations/attributes) added by intercom-sync";

export const conversationAttributes = defineStream({
  name: "conversation_attributes",
  description: "Data attributes defined on conversations.",
  permission: PERMISSIONS.users,
  primaryKey: ["model", "full_name"],
  read: { kind: "single", path: "/data_attributes", query: { model: "conversation" }, recordPath: ["data"] },
  // 2.16 answers model=conversation with 422 and lists them at their own endpoint, without model or full_name:
  // both are added (a conversation's custom attribute sits at custom_attributes.<name>), so the key holds.
  readOn: {
    "2.16": {
      kind: "single",
      path: "/conversations/attributes",
      recordPath: ["data"],
      addFields: { model: "conversation", full_name: "custom_attributes.{name}" },
    },
  },
  schema: {
    component: "data_attribute",
    componentOn: { "2.16": "conversation_attribute" },
    addedFields: {
      model: { type: "string", description: `The attribute's model, "conversation". ${ADDED_ON_216}.` },
      full_name: {
        type: "string",
        description: `The attribute's path in a conversation record. ${ADDED_ON_216}: custom_attributes.<name>.`,
      },
    },
    note: KEY_NOTE,
  },
  notes: "2.16 no longer lists conversation attributes at GET /data_attributes (422): from 2.16 they are read from " +
    "GET /conversations/attributes, with model and full_name added so the key is the same on every version.",
});
