import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contactCompanies = defineStream({
  name: "contact_companies",
  description: "Companies of each contact updated since the cursor, one record per (contact, company).",
  permission: PERMISSIONS.users,
  primaryKey: ["contact_id", "id"],
  cursorField: "contact_updated_at",
  references: { id: "companies" },
  read: {
    kind: "embedded",
    parent: "contacts",
    field: ["companies", "data"],
    copy: { contact_id: "id", contact_updated_at: "updated_at" },
    keep: ["type", "id"],
    // The description's schema names the array `companies`, its own example (and the SDK) `data`.
    more: { path: "/contacts/{id}/companies", recordPaths: [["data"], ["companies"]] },
  },
  schema: {
    component: "company",
    addedFields: {
      contact_id: { type: "string", description: "The id of the contact the company is attached to (added by intercom-sync)." },
      contact_updated_at: {
        type: "integer",
        format: "unix-time",
        description: "The contact's updated_at when its companies were read: the row is as of then (added by intercom-sync).",
      },
    },
    note: "Rows carry only the company's type and id; join companies on id for the rest.",
  },
  notes: "Taken from each contact's embedded `companies` on the contacts pass. A contact shows at most 10; for one " +
    "whose list says has_more, GET /contacts/{id}/companies reads them all (paged). A company detached from a " +
    "contact: SQLite marks its row `_deleted_at` (the contact's new updated_at) once the contact's whole list is " +
    "read again; the other outputs keep each contact's rows with its greatest contact_updated_at, and a contact " +
    "with no companies left gets a deletion naming only the contact. A deleted company's rows are deleted with it " +
    "(SQLite marks them).",
});
