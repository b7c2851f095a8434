import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contactTags = defineStream({
  name: "contact_tags",
  description: "Tags of each contact updated since the cursor, one record per (contact, tag).",
  permission: PERMISSIONS.users,
  primaryKey: ["contact_id", "id"],
  cursorField: "contact_updated_at",
  references: { id: "tags" },
  read: {
    kind: "embedded",
    parent: "contacts",
    field: ["tags", "data"],
    copy: { contact_id: "id", contact_updated_at: "updated_at" },
    keep: ["type", "id"],
    more: { path: "/contacts/{id}/tags", recordPaths: [["data"]] },
  },
  schema: {
    component: "tag_basic",
    addedFields: {
      contact_id: { type: "string", description: "The id of the contact the tag is applied to (added by intercom-sync)." },
      contact_updated_at: {
        type: "integer",
        format: "unix-time",
        description: "The contact's updated_at when its tags were read: the row is as of then (added by intercom-sync).",
      },
    },
    note: "Rows carry the tag's type and id; join tags on id for its name.",
  },
  notes: "Taken from each contact's embedded `tags` on the contacts pass. A contact shows at most 10; for one whose " +
    "list says has_more, GET /contacts/{id}/tags reads the rest. A tag removed from a contact: SQLite marks its " +
    "row `_deleted_at` (the contact's new updated_at) once the contact's whole list is read again; the other " +
    "outputs keep each contact's rows with its greatest contact_updated_at, and a contact with no tags left gets " +
    "a deletion naming only the contact. A deleted tag's rows are deleted with it (SQLite marks them).",
});
