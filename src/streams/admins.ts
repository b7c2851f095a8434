import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const admins = defineStream({
  name: "admins",
  description: "Teammates (admins) of the workspace.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  read: { kind: "single", path: "/admins", recordPath: ["admins"] },
  schema: { component: "admin" },
});
