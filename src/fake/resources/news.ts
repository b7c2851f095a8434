/** News: newsfeeds and the news items published to them, both in page-numbered lists. */
import { PERMISSION } from "../permissions.ts";
import { newsfeed, newsItem } from "../records/news.ts";
import { pageNumberedList } from "../routes/page-numbered.ts";
import { type FakeResource, range } from "./resource.ts";

export const news: FakeResource = {
  records: {
    newsfeeds: (ws) => range(ws.ctx.sizes.newsfeeds, (i) => newsfeed(ws.ctx, i)),
    news_items: (ws) => range(ws.ctx.sizes.newsItems, (i) => newsItem(ws.ctx, i)),
  },
  routes: [
    {
      method: "GET",
      path: "/news/newsfeeds",
      permission: PERMISSION.news,
      handle: (context) => pageNumberedList(context, context.ws.listOf("newsfeeds")),
    },
    {
      method: "GET",
      path: "/news/news_items",
      permission: PERMISSION.news,
      handle: (context) => pageNumberedList(context, context.ws.listOf("news_items")),
    },
  ],
  sizes: { newsfeeds: 3, newsItems: 15 },
};
