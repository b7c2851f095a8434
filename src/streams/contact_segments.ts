import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contactSegments = defineStream({
  name: "contact_segments",
  description: "Segments each contact belongs to, one record per (contact, segment).",
  // "List and view all segments, users and companies" (Developer Hub scopes).
  permission: PERMISSIONS.users,
  primaryKey: ["contact_id", "id"],
  cursorField: "updated_at",
  references: { id: "segments" },
  read: { kind: "child", parent: "contacts", path: "/contacts/{id}/segments", copy: { contact_id: "id" }, recordPath: ["data"] },
  schema: {
    component: "segment",
    addedFields: {
      contact_id: { type: "string", description: "The Intercom id of the contact the segment was listed for (added by intercom-sync)." },
    },
  },
  notes: "Read for the contacts the run reads: every contact on a first or --full-refresh run, those updated since the " +
    "cursor afterwards. Joining a segment does not change a contact's updated_at, so run --full-refresh now and " +
    "then to catch memberships of unchanged contacts.",
  optIn: "one request per contact",
});
