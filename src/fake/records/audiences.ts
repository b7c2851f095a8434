/** Audiences: saved rules on people's attributes that content is shown to. Modelled on the audience example of the 2.16 description. */
import type { GenContext, Rec } from "../context.ts";
import { KIND } from "../hash.ts";
import { ID_BASE } from "../ids.ts";
import { exampleRecord } from "./example-list.ts";

const EXAMPLE: Rec = {
  type: "audience",
  id: "123",
  name: "VIP Customers",
  predicates: [
    {
      attribute: "company.name",
      type: "string",
      comparison: "contains",
      value: "Acme",
    },
  ],
  role_predicates: [
    {
      attribute: "role",
      type: "role",
      comparison: "eq",
      value: "user",
    },
  ],
  created_at: 1717200000,
  updated_at: 1717200000,
};

export function audience(ctx: GenContext, i: number): Rec {
  return exampleRecord(ctx, EXAMPLE, i, { base: ID_BASE.audience, kind: KIND.audience, label: "name" });
}
