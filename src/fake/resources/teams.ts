/** Teams: read with the admins' permission. */
import { PERMISSION } from "../permissions.ts";
import { team } from "../records/teams.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const teams: FakeResource = {
  records: { teams: (ws) => range(ws.ctx.sizes.teams, (i) => team(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/teams",
      permission: PERMISSION.admins,
      handle: ({ ws }) => json({ type: "team.list", teams: ws.listOf("teams") }),
    },
  ],
  sizes: { teams: 4 },
};
