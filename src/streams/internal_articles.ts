import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const internalArticles = defineStream({
  name: "internal_articles",
  description: "Internal articles: knowledge for teammates and Fin, not published in a Help Center.",
  permission: PERMISSIONS.articles,
  primaryKey: ["id"],
  since: "2.14",
  read: { kind: "single", path: "/internal_articles", recordPath: ["data"] },
  schema: { component: "internal_article_list_item" },
});
