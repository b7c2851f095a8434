/** Subscription types: read with the contacts' permission. */
import { PERMISSION } from "../permissions.ts";
import { subscriptionType } from "../records/subscription-types.ts";
import { listSubscriptionTypes } from "../routes/content.ts";
import { type FakeResource, range } from "./resource.ts";

export const subscriptionTypes: FakeResource = {
  records: { subscription_types: (ws) => range(ws.ctx.sizes.subscriptionTypes, (i) => subscriptionType(ws.ctx, i)) },
  routes: [{ method: "GET", path: "/subscription_types", permission: PERMISSION.users, handle: listSubscriptionTypes }],
  sizes: { subscriptionTypes: 4 },
};
