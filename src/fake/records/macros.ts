/** Macros (saved replies), modelled on the macro example of the 2.16 description: times are ISO 8601 text. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "macro",
  id: "123",
  name: "Order Status Update",
  body: '<p>Hi <attribute key="user.name" default="there"/>, your order #<attribute key="order.number"/> is ready for pickup!</p>',
  body_text: 'Hi {{user.name|fallback:"there"}}, your order #{{order.number}} is ready for pickup!',
  created_at: "2025-07-17T11:18:08.000Z",
  updated_at: "2025-07-17T15:30:24.000Z",
  visible_to: "everyone",
  visible_to_team_ids: [],
  available_on: ["inbox", "messenger"],
};

/** Macro i; `editedAt` (unix seconds, workspace.touch) moves its updated_at. */
export function macro(ctx: GenContext, i: number, editedAt?: number): Rec {
  const record = exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.macro, kind: KIND.macro, label: "name" });
  if (editedAt !== undefined) record.updated_at = new Date(editedAt * 1000).toISOString();
  return record;
}
