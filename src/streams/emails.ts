import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const emails = defineStream({
  name: "emails",
  description: "The workspace's sender email addresses, with their verification and forwarding.",
  permission: PERMISSIONS.admins,
  primaryKey: ["id"],
  since: "2.16",
  read: { kind: "single", path: "/emails", recordPath: ["data"] },
  schema: { component: "email_setting" },
});
