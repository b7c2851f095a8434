/** Brands of the workspace, each with its Help Center and default address settings. From API 2.16 on. */
import { PERMISSION } from "../permissions.ts";
import { brand } from "../records/brands.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const brands: FakeResource = {
  records: { brands: (ws) => range(ws.ctx.sizes.brands, (i) => brand(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/brands",
      permission: PERMISSION.admins,
      since: "2.16",
      handle: ({ ws }) => {
        const records = ws.listOf("brands");
        return json({ type: "list", data: records });
      },
    },
  ],
  sizes: { brands: 3 },
};
