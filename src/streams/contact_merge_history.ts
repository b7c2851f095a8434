import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contactMergeHistory = defineStream({
  name: "contact_merge_history",
  description: "The contacts (leads, mostly) merged into each user, and when.",
  permission: PERMISSIONS.users,
  primaryKey: ["contact_id", "source_contact_id"],
  since: "2.16",
  read: {
    kind: "child",
    parent: "contacts",
    path: "/contacts/{id}/merge_history",
    copy: { contact_id: "id" },
    recordPath: ["data"],
    // 50 a page, chained by `next_cursor` while `has_more`.
    paged: true,
    // Intercom keeps it for users only; a lead answers 404.
    onlyParents: { role: "user" },
  },
  schema: {
    component: "merge_history_item",
    addedFields: {
      contact_id: { type: "string", description: "The Intercom id of the user the contacts were merged into (added by intercom-sync)." },
    },
  },
  notes: "Read for the users (not leads) among the contacts the run reads, 50 merges a request.",
  optIn: "one request per user, and one per further 50 merges",
});
