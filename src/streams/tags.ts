import { PERMISSIONS } from "./permissions.ts";
import type { StreamDefinition } from "./types.ts";

export const tags: StreamDefinition = {
  name: "tags",
  description: "Tags that can be applied to contacts, companies, conversations and tickets.",
  permission: PERMISSIONS.tags,
  primaryKey: ["id"],
  sync: "full",
  pagination: "none",
  method: "GET",
  path: "/tags",
  recordPath: ["data"],
};
