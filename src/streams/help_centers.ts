import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const helpCenters = defineStream({
  name: "help_centers",
  description: "Help Centers of the workspace.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  // help_center_list has no `pages` in any version; a `pages.next` would still be followed.
  read: { kind: "single", path: "/help_center/help_centers", recordPath: ["data"] },
  schema: { component: "help_center" },
});
