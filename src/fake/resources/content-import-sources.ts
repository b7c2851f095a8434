/** Fin's content import sources: the external sites whose pages Fin answers from. From API 2.14 on. */
import { PERMISSION } from "../permissions.ts";
import { contentImportSource } from "../records/content-import-sources.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const contentImportSources: FakeResource = {
  records: { content_import_sources: (ws) => range(ws.ctx.sizes.contentImportSources, (i) => contentImportSource(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/ai/content_import_sources",
      permission: PERMISSION.articles,
      since: "2.14",
      handle: ({ ws }) => {
        const records = ws.listOf("content_import_sources");
        return json({
          type: "list",
          pages: { type: "pages", page: 1, per_page: records.length, total_pages: 1 },
          total_count: records.length,
          data: records,
        });
      },
    },
  ],
  sizes: { contentImportSources: 3 },
};
