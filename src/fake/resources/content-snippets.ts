/** Snippets: short pieces of content Fin and Copilot answer from. From API 2.16 on. */
import { PERMISSION } from "../permissions.ts";
import { contentSnippet } from "../records/content-snippets.ts";
import { topLevelPagedList } from "../routes/top-level-paged.ts";
import { type FakeResource, range } from "./resource.ts";

export const contentSnippets: FakeResource = {
  records: { content_snippets: (ws) => range(ws.ctx.sizes.contentSnippets, (i) => contentSnippet(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/content_snippets",
      permission: PERMISSION.articles,
      since: "2.16",
      handle: ({ ws, url, requestId }) =>
        topLevelPagedList({ url, requestId, maxPerPage: 50, pageSize: ws.ctx.sizes.listPageSize }, ws.listOf("content_snippets")),
    },
  ],
  sizes: { contentSnippets: 5 },
};
