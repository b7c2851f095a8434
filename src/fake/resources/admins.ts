/** Admins (GET /admins) and the token's own admin (GET /me, which any valid token may call). */
import { PERMISSION } from "../permissions.ts";
import { admin } from "../records/admins.ts";
import { getMe, listAdmins } from "../routes/lists.ts";
import { type FakeResource, range } from "./resource.ts";

export const admins: FakeResource = {
  records: { admins: (ws) => range(ws.ctx.sizes.admins, (i) => admin(ws.ctx, i)) },
  routes: [
    { method: "GET", path: "/me", permission: null, handle: getMe },
    { method: "GET", path: "/admins", permission: PERMISSION.admins, handle: listAdmins },
  ],
  sizes: { admins: 12 },
};
