import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const tags = defineStream({
  name: "tags",
  description: "Tags that can be applied to contacts, companies, conversations and tickets.",
  permission: PERMISSIONS.tags,
  primaryKey: ["id"],
  read: { kind: "single", path: "/tags", recordPath: ["data"] },
  schema: { component: "tag" },
});
