import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const subscriptionTypes = defineStream({
  name: "subscription_types",
  description: "Subscription types contacts can opt in to or out of, with their translations.",
  permission: PERMISSIONS.users,
  primaryKey: ["id"],
  read: { kind: "single", path: "/subscription_types", recordPath: ["data"] },
  schema: { component: "subscription_type" },
});
