import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const contacts = defineStream({
  name: "contacts",
  description: "Users and leads, found by searching updated_at.",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  cursorField: "updated_at",
  read: { kind: "search", path: "/contacts/search", recordPath: ["data"] },
  schema: { component: "contact" },
});
