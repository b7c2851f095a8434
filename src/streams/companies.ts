import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const companies: StreamDefinition = {
  name: "companies",
  description: "Companies, read with the company scroll (the list endpoint stops at 10,000).",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  cursorField: "updated_at",
  sync: "client-cursor",
  pagination: "scroll",
  method: "GET",
  path: "/companies/scroll",
  recordPath: ["data"],
  notes:
    "The scroll cannot filter by time: every run reads all companies and emits those updated since the cursor. " +
    "Only one scroll may be open per workspace.",
};
