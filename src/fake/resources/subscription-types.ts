/** Subscription types: read with the contacts' permission. */
import { PERMISSION } from "../permissions.ts";
import { subscriptionType } from "../records/subscription-types.ts";
import { json } from "../respond.ts";
import { type FakeResource, range } from "./resource.ts";

export const subscriptionTypes: FakeResource = {
  records: { subscription_types: (ws) => range(ws.ctx.sizes.subscriptionTypes, (i) => subscriptionType(ws.ctx, i)) },
  routes: [
    {
      method: "GET",
      path: "/subscription_types",
      permission: PERMISSION.users,
      handle: ({ ws }) => json({ type: "list", data: ws.listOf("subscription_types") }),
    },
  ],
  sizes: { subscriptionTypes: 4 },
};
