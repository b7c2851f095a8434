import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const officeHoursSchedules = defineStream({
  name: "office_hours_schedules",
  description: "Office hours schedules: the weekly hours teams and the Messenger work by.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  since: "2.16",
  read: { kind: "single", path: "/office_hours_schedules", recordPath: ["data"] },
  schema: { component: "office_hours_schedule" },
});
