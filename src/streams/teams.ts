import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const teams = defineStream({
  name: "teams",
  description: "Teams and their admin ids.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  read: { kind: "single", path: "/teams", recordPath: ["teams"] },
  schema: { component: "team" },
});
