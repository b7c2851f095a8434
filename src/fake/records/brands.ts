/** Brands of the workspace, each with its Help Center and default address settings. Modelled on the brand example of the 2.16 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "brand",
  id: "1",
  name: "Default Brand",
  is_default: true,
  created_at: 1673778600,
  updated_at: 1711031100,
  help_center_id: "11",
  default_address_settings_id: "13",
};

export function brand(ctx: GenContext, i: number): Rec {
  const record = exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.brand, kind: KIND.brand, label: "name" });
  record.is_default = i === 0;
  return record;
}
