import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const teams: StreamDefinition = {
  name: "teams",
  description: "Teams and their admin ids.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  sync: "full",
  pagination: "none",
  method: "GET",
  path: "/teams",
  recordPath: ["teams"],
};
