import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const collections = defineStream({
  name: "collections",
  description: "Help Center collections and their sections (a section's parent_id is its collection), every translation included.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  // Paged by page number (`page`, `per_page`, `total_pages`), newest updated first.
  read: { kind: "list", path: "/help_center/collections", perPage: 50, recordPath: ["data"] },
  schema: { component: "collection" },
});
