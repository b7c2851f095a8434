/** Macros (saved replies): read with the conversations' permission, from API 2.16 on. */
import { PERMISSION } from "../permissions.ts";
import { macro } from "../records/macros.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { listMacros } from "../routes/macros.ts";
import { type FakeResource, range } from "./resource.ts";

export const macros: FakeResource = {
  records: { macros: (ws) => range(ws.ctx.sizes.macros, (i) => macro(ws.ctx, i, ws.touchedAt("macros", numericId(ID_BASE.macro, i)))) },
  routes: [{ method: "GET", path: "/macros", permission: PERMISSION.conversations, since: "2.16", handle: listMacros }],
  sizes: { macros: 7 },
};
