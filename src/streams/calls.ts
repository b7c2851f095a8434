import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const calls = defineStream({
  name: "calls",
  description: "Phone calls, with their conversation, teammate, contact, direction and timing (initiated, answered, ended).",
  permission: PERMISSIONS.conversations,
  primaryKey: ["id"],
  cursorField: "updated_at",
  since: "2.14",
  feature: "calls",
  read: { kind: "list", path: "/calls", recordPath: ["data"], perPage: 25 },
  schema: { component: "call" },
  notes: "Intercom lists calls 25 a page and cannot filter them by time: every run reads all calls (one request per 25) " +
    "and emits those updated since the cursor. A workspace without calls (404 or 403) is said once in the warnings; the run goes on.",
});
