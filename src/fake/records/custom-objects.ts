/**
 * Custom object instances (API 2.14+): `customObjectInstances` orders (type "Order"), some of them referred to by
 * conversations, whose custom attributes then hold them as a `custom_object_instance_list` under "Order" (the
 * description: "for relationship attributes the value will be a list of custom object instance models"), and by
 * tickets, whose ticket attributes hold the same list under "Order".
 */
import type { GenContext, Rec } from "../context.ts";
import { KIND, Rand } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { DAY } from "../timeline.ts";

/** The one custom object type the fake's workspace defines, and the conversation attribute that refers to it. */
export const CUSTOM_OBJECT_TYPE = "Order";

export function customObjectInstance(ctx: GenContext, k: number): Rec {
  const r = new Rand(ctx.seed, KIND.customObjectInstance, k);
  const createdAt = ctx.baseNow - 400 * DAY + k * 3_600;
  const external = r.chance(0.5) ? createdAt - r.int(DAY) : null;
  return {
    id: numericId(ID_BASE.customObjectInstance, k),
    type: CUSTOM_OBJECT_TYPE,
    external_id: `order_${String(k + 1).padStart(3, "0")}`,
    external_created_at: external,
    external_updated_at: external,
    created_at: createdAt,
    updated_at: createdAt + r.int(30) * DAY,
    custom_attributes: { order_number: `ORDER-${10_000 + k}`, total_amount: `${10 + r.int(490)}.99` },
  };
}

/** The instances conversation i (or ticket i) refers to (about a third refer to 1 or 2), by index: none without instances. */
export function conversationInstanceRefs(ctx: GenContext, i: number, kind: number = KIND.customObjectRef): number[] {
  const n = ctx.sizes.customObjectInstances;
  if (n === 0) return [];
  const r = new Rand(ctx.seed, kind, i);
  if (!r.chance(0.35)) return [];
  const first = r.int(n);
  const second = r.int(n);
  return r.chance(0.5) && second !== first ? [first, second] : [first];
}

/** Conversation i's custom attributes (or ticket i's ticket attributes) with its references added (unchanged when it has none). */
export function withInstanceRefs(ctx: GenContext, i: number, attributes: Rec, parent: "conversation" | "ticket" = "conversation"): Rec {
  const refs = conversationInstanceRefs(ctx, i, parent === "ticket" ? KIND.ticketCustomObjectRef : KIND.customObjectRef);
  if (refs.length === 0) return attributes;
  return { ...attributes, [CUSTOM_OBJECT_TYPE]: { type: "order.list", instances: refs.map((k) => customObjectInstance(ctx, k)) } };
}
