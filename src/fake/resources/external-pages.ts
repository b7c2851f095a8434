/** Fin's external pages: content imported from outside Intercom for Fin and Copilot. From API 2.14 on. */
import { PERMISSION } from "../permissions.ts";
import { externalPage } from "../records/external-pages.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const externalPages: FakeResource = {
  records: { external_pages: (ws) => range(ws.ctx.sizes.externalPages, (i) => externalPage(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/ai/external_pages",
      permission: PERMISSION.articles,
      since: "2.14",
      handle: ({ ws }) => {
        const records = ws.listOf("external_pages");
        return json({
          type: "list",
          pages: { type: "pages", page: 1, per_page: records.length, total_pages: 1 },
          total_count: records.length,
          data: records,
        });
      },
    },
  ],
  sizes: { externalPages: 4 },
};
