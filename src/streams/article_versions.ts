import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const articleVersions = defineStream({
  name: "article_versions",
  description: "The version history of each Help Center article: who changed it, how, and in which state.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  cursorField: "created_at",
  since: "2.16",
  read: { kind: "child", parent: "articles", path: "/articles/{id}/versions", copy: {}, recordPath: ["data"], paged: true },
  schema: { component: "article_version_summary" },
  notes: "Read for every article on every run (articles cannot be filtered by time); each version names its article (article_id).",
  optIn: "one request per article, on every run",
});
