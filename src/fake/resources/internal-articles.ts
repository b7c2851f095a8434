/** Internal articles: knowledge for teammates and Fin, not published in a Help Center. From API 2.14 on. */
import { PERMISSION } from "../permissions.ts";
import { internalArticle } from "../records/internal-articles.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const internalArticles: FakeResource = {
  records: { internal_articles: (ws) => range(ws.ctx.sizes.internalArticles, (i) => internalArticle(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/internal_articles",
      permission: PERMISSION.articles,
      since: "2.14",
      handle: ({ ws }) => {
        const records = ws.listOf("internal_articles");
        return json({
          type: "list",
          pages: { type: "pages", page: 1, per_page: records.length, total_pages: 1 },
          total_count: records.length,
          data: records,
        });
      },
    },
  ],
  sizes: { internalArticles: 4 },
};
