/** The reasons a teammate can give for being away. Modelled on the away_status_reason example of the 2.14 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "away_status_reason",
  id: "100",
  label: "On a break",
  emoji: "☕",
  order: 1,
  deleted: false,
  created_at: 1734537243,
  updated_at: 1734537243,
};

export function awayStatusReason(ctx: GenContext, i: number): Rec {
  const record = exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.awayStatusReason, kind: KIND.awayStatusReason, label: "label" });
  record.order = i + 1;
  return record;
}
