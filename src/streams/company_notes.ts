import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const companyNotes = defineStream({
  name: "company_notes",
  description: "Notes teammates wrote about companies.",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  cursorField: "created_at",
  since: "2.16",
  read: { kind: "child", parent: "companies", path: "/companies/{id}/notes", copy: { company_id: "id" }, recordPath: ["data"], paged: true },
  schema: {
    component: "note",
    addedFields: {
      company_id: { type: "string", description: "The Intercom id of the company the note was listed for (added by intercom-sync)." },
    },
  },
  notes: "Read for every company on every run (the company scroll cannot filter by time), so a note removed in Intercom is found deleted.",
  optIn: "one request per company, on every run",
});
