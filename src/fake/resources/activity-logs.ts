/** Admin activity logs, listed in windows of their creation time. */
import { PERMISSION } from "../permissions.ts";
import { listActivityLogs } from "../routes/activity-logs.ts";
import { type FakeResource, range } from "./resource.ts";

export const activityLogs: FakeResource = {
  records: { activity_logs: (ws) => range(ws.activityLogCount(), (i) => ws.activityLogAt(i)) },
  routes: [{ method: "GET", path: "/admins/activity_logs", permission: PERMISSION.activityLogs, handle: listActivityLogs }],
  sizes: { activityLogs: 300 },
};
