/** The Help Center: its Help Centers, collections (and sections) and articles. */
import { PERMISSION } from "../permissions.ts";
import { article, collection, helpCenter } from "../records/help-center.ts";
import { listArticles, listHelpCenters } from "../routes/content.ts";
import { pageNumberedList } from "../routes/page-numbered.ts";
import { type FakeResource, range } from "./resource.ts";

export const helpCenters: FakeResource = {
  records: {
    help_centers: (ws) => range(ws.ctx.sizes.helpCenters, (i) => helpCenter(ws.ctx, i)),
    collections: (ws) => range(ws.ctx.sizes.collections, (i) => collection(ws.ctx, i)),
    articles: (ws) => range(ws.ctx.sizes.articles, (i) => article(ws.ctx, i, ws.articleEdit(i))),
  },
  routes: [
    { method: "GET", path: "/help_center/help_centers", permission: PERMISSION.articles, handle: listHelpCenters },
    {
      method: "GET",
      path: "/help_center/collections",
      permission: PERMISSION.articles,
      handle: (context) => pageNumberedList(context, context.ws.listOf("collections")),
    },
    { method: "GET", path: "/articles", permission: PERMISSION.articles, handle: listArticles },
  ],
  sizes: { helpCenters: 2, collections: 12, articles: 30 },
};
