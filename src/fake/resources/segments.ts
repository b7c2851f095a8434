/** Segments (with their sizes when asked, `include_count`). */
import { PERMISSION } from "../permissions.ts";
import { segment } from "../records/segments.ts";
import { listSegments } from "../routes/lists.ts";
import { type FakeResource, range } from "./resource.ts";

export const segments: FakeResource = {
  records: { segments: (ws) => range(ws.ctx.sizes.segments, (i) => segment(ws.ctx, i)) },
  routes: [{ method: "GET", path: "/segments", permission: PERMISSION.users, handle: listSegments }],
  sizes: { segments: 8 },
};
