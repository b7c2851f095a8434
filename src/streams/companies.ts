import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const companies = defineStream({
  name: "companies",
  description: "Companies, read with the company scroll (the list endpoint stops at 10,000).",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  cursorField: "updated_at",
  read: { kind: "scroll", path: "/companies/scroll", recordPath: ["data"] },
  // Not the scroll: a workspace has one scroll at a time and an open one would block a real sync for a minute.
  probe: { path: "/companies", query: () => ({ per_page: 1 }), recordPath: ["data"] },
  schema: { component: "company" },
  notes: "The scroll cannot filter by time: every run reads all companies and emits those updated since the cursor. " +
    "Only one scroll may be open per workspace.",
});
