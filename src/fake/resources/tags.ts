/** Tags. */
import { PERMISSION } from "../permissions.ts";
import { tag } from "../records/tags.ts";
import { listTags } from "../routes/lists.ts";
import { type FakeResource, range } from "./resource.ts";

export const tags: FakeResource = {
  records: { tags: (ws) => range(ws.ctx.sizes.tags, (i) => tag(ws.ctx, i)) },
  routes: [{ method: "GET", path: "/tags", permission: PERMISSION.tags, handle: listTags }],
  sizes: { tags: 15 },
};
