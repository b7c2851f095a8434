import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const newsItems = defineStream({
  name: "news_items",
  description: "News items, with the newsfeeds each is published to (newsfeed_assignments).",
  permission: PERMISSIONS.news,
  primaryKey: ["id"],
  // Paged by page number; no parameter is declared, per_page is sent anyway (ignored, it costs nothing).
  read: { kind: "list", path: "/news/news_items", perPage: 50, recordPath: ["data"] },
  schema: { component: "news_item" },
});
