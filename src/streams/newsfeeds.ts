import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const newsfeeds = defineStream({
  name: "newsfeeds",
  description: "News feeds that news items are published to.",
  permission: PERMISSIONS.news,
  primaryKey: ["id"],
  // The answer carries `pages` though no paging parameter is declared: a list, so further pages are followed.
  read: { kind: "list", path: "/news/newsfeeds", recordPath: ["data"] },
  schema: { component: "newsfeed" },
});
