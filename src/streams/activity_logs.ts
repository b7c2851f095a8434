import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const activityLogs: StreamDefinition = {
  name: "activity_logs",
  description: "Admin activity log events, read in created_at windows.",
  permission: PERMISSIONS.activityLogs,
  primaryKey: ["id"],
  cursorField: "created_at",
  sync: "created-window",
  pagination: "next-link",
  method: "GET",
  path: "/admins/activity_logs",
  recordPath: ["activity_logs"],
};
