/** Tags. */
import { PERMISSION } from "../permissions.ts";
import { tag } from "../records/tags.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const tags: FakeResource = {
  records: { tags: (ws) => range(ws.ctx.sizes.tags, (i) => tag(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/tags",
      permission: PERMISSION.tags,
      handle: ({ ws }) => json({ type: "list", data: ws.listOf("tags") }),
    },
  ],
  sizes: { tags: 15 },
};
