/** The reasons a teammate can give for being away. From API 2.14 on. */
import { PERMISSION } from "../permissions.ts";
import { awayStatusReason } from "../records/away-status-reasons.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const awayStatusReasons: FakeResource = {
  records: { away_status_reasons: (ws) => range(ws.ctx.sizes.awayStatusReasons, (i) => awayStatusReason(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/away_status_reasons",
      permission: PERMISSION.admins,
      since: "2.14",
      handle: ({ ws }) => {
        const records = ws.listOf("away_status_reasons");
        return json({ type: "list", data: records });
      },
    },
  ],
  sizes: { awayStatusReasons: 4 },
};
