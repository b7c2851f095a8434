import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const activityLogs = defineStream({
  name: "activity_logs",
  description: "Admin activity log events, read in created_at windows.",
  permission: PERMISSIONS.activityLogs,
  primaryKey: ["id"],
  cursorField: "created_at",
  read: {
    kind: "windowed-list",
    path: "/admins/activity_logs",
    startParam: "created_at_after",
    endParam: "created_at_before",
    recordPath: ["activity_logs"],
  },
  schema: { component: "activity_log" },
});
