/**
 * The exceptions of each office hours schedule (closed days, custom hours): read with the admins' permission,
 * from API 2.16 on; 404 for a schedule that is not there.
 */
import type { Rec } from "../context.ts";
import { ID_BASE, numericIdIndex } from "../ids.ts";
import { PERMISSION } from "../permissions.ts";
import { officeHoursExceptions } from "../records/office-hours-exceptions.ts";
import { errorList, json } from "../respond.ts";
import type { RouteContext } from "../routes/route.ts";
import type { Workspace } from "../workspace.ts";
import type { FakeResource } from "./resource.ts";

function exceptionsOf(ws: Workspace, scheduleId: string): Rec[] | undefined {
  const i = numericIdIndex(ID_BASE.officeHoursSchedule, scheduleId);
  const live = ws.listOf("office_hours_schedules").some((schedule) => String(schedule.id) === scheduleId);
  return i === undefined || !live ? undefined : officeHoursExceptions(ws.ctx, i, scheduleId);
}

function listExceptions({ ws, params, requestId }: RouteContext): Response {
  const exceptions = exceptionsOf(ws, params[0] ?? "");
  if (!exceptions) return errorList(404, "not_found", "Resource Not Found", requestId);
  return json({ type: "office_hours_exception.list", data: exceptions });
}

export const officeHoursExceptionsResource: FakeResource = {
  records: {
    office_hours_exceptions: (ws) => ws.listOf("office_hours_schedules").flatMap((schedule) => exceptionsOf(ws, String(schedule.id)) ?? []),
  },
  routes: [
    {
      method: "GET",
      path: "/office_hours_schedules/{id}/office_hours_exceptions",
      permission: PERMISSION.admins,
      since: "2.16",
      handle: listExceptions,
    },
  ],
};
