/** Audiences: saved rules on people's attributes that content is shown to. From API 2.16 on. */
import { PERMISSION } from "../permissions.ts";
import { audience } from "../records/audiences.ts";
import { topLevelPagedList } from "../routes/top-level-paged.ts";
import { type FakeResource, range } from "./resource.ts";

export const audiences: FakeResource = {
  records: { audiences: (ws) => range(ws.ctx.sizes.audiences, (i) => audience(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/audiences",
      permission: PERMISSION.users,
      since: "2.16",
      handle: ({ ws, url, requestId }) =>
        topLevelPagedList({ url, requestId, maxPerPage: 50, pageSize: ws.ctx.sizes.listPageSize }, ws.listOf("audiences")),
    },
  ],
  sizes: { audiences: 4 },
};
