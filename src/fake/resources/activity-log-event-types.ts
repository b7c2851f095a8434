/**
 * The kinds of admin activity log event: read with the activity logs' permission, from API 2.16 on. Answers
 * `{type: "activity_log_event_type.list", event_types: [...]}` with the names the fake's activity logs use.
 */
import type { Rec } from "../context.ts";
import { PERMISSION } from "../permissions.ts";
import { ACTIVITY_TYPES } from "../records/activity-logs.ts";
import { json } from "../respond.ts";
import type { FakeResource } from "./resource.ts";

export const activityLogEventTypes: FakeResource = {
  records: { activity_log_event_types: (): Rec[] => ACTIVITY_TYPES.map((name) => ({ event_type: name })) },
  routes: [
    {
      method: "GET",
      path: "/admins/activity_log_event_types",
      permission: PERMISSION.activityLogs,
      since: "2.16",
      handle: () => json({ type: "activity_log_event_type.list", event_types: [...ACTIVITY_TYPES] }),
    },
  ],
};
