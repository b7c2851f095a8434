import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const articles = defineStream({
  name: "articles",
  description: "Help Center articles, one record per article with every translation in translated_content.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  cursorField: "updated_at",
  // Paged by page number, newest updated first; the list cannot filter by time.
  read: { kind: "list", path: "/articles", perPage: 50, recordPath: ["data"] },
  schema: { component: "article_list_item" },
  notes: "GET /articles cannot filter by time: every run reads all articles and emits those updated since the cursor. " +
    "An article's translations are one record: `translated_content` maps each locale to its title, body, state and author.",
});
