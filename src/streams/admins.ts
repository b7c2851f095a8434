import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const admins: StreamDefinition = {
  name: "admins",
  description: "Teammates (admins) of the workspace.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  sync: "full",
  pagination: "none",
  method: "GET",
  path: "/admins",
  recordPath: ["admins"],
};
