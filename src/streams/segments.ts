import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const segments = defineStream({
  name: "segments",
  description: "Contact segments.",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  cursorField: "updated_at",
  // The description declares optional `pages`: a list, so a `pages.next` is followed if Intercom ever sends one.
  read: { kind: "list", path: "/segments", recordPath: ["segments"] },
  schema: { component: "segment" },
  notes: "GET /segments cannot filter by time: every run reads all segments and emits those updated since the cursor.",
});
