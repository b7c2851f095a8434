/** Office hours schedules: the weekly hours teams and the Messenger work by. From API 2.16 on. */
import { PERMISSION } from "../permissions.ts";
import { officeHoursSchedule } from "../records/office-hours-schedules.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const officeHoursSchedules: FakeResource = {
  records: { office_hours_schedules: (ws) => range(ws.ctx.sizes.officeHoursSchedules, (i) => officeHoursSchedule(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/office_hours_schedules",
      permission: PERMISSION.admins,
      since: "2.16",
      handle: ({ ws }) => {
        const records = ws.listOf("office_hours_schedules");
        return json({ type: "office_hours_schedule.list", data: records });
      },
    },
  ],
  sizes: { officeHoursSchedules: 2 },
};
