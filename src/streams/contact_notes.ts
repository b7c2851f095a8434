import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contactNotes = defineStream({
  name: "contact_notes",
  description: "Notes teammates wrote about contacts.",
  // Notes are read through the contact: "List and view all segments, users and companies" (Developer Hub scopes).
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  cursorField: "created_at",
  read: {
    kind: "child",
    parent: "contacts",
    path: "/contacts/{id}/notes",
    copy: { contact_id: "id" },
    recordPath: ["data"],
    paged: true,
  },
  schema: {
    component: "note",
    addedFields: {
      contact_id: { type: "string", description: "The Intercom id of the contact the note was listed for (added by intercom-sync)." },
    },
  },
  notes: "Read for the contacts the run reads: every contact on a first or --full-refresh run, those updated since the " +
    "cursor afterwards; a contact with many notes costs a request per page of them. Whether a new note changes " +
    "the contact's updated_at is not documented: run --full-refresh now and then to be sure of every note.",
  optIn: "one request per contact, and one per further page of its notes",
});
