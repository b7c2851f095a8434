import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const officeHoursExceptions = defineStream({
  name: "office_hours_exceptions",
  description: "The exceptions of each office hours schedule: closed days and days of custom hours.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  since: "2.16",
  read: {
    kind: "child",
    parent: "office_hours_schedules",
    path: "/office_hours_schedules/{id}/office_hours_exceptions",
    // Each exception names its schedule (office_hours_schedule_id) itself.
    copy: {},
    recordPath: ["data"],
  },
  schema: { component: "office_hours_exception" },
  notes: "Read for every schedule on every run (a workspace has a few), so an exception removed in Intercom is found deleted.",
});
