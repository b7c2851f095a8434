import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const activityLogEventTypes = defineStream({
  name: "activity_log_event_types",
  description: "The names of every kind of admin activity log event (the values of activity_logs' activity_type).",
  permission: PERMISSIONS.activityLogs,
  primaryKey: ["event_type"],
  since: "2.16",
  // The answer lists plain names: each becomes a record { event_type }.
  read: { kind: "single", path: "/admins/activity_log_event_types", recordPath: ["event_types"], values: { field: "event_type" } },
  schema: { component: "activity_log_event_type_list", valuesOf: "event_types" },
});
