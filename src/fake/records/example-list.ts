/**
 * Records of a settings or content list modelled on the example its OpenAPI description gives: record `i` is the
 * example with an id of its own (`base + i`, a number or a string as the example's is), its label numbered (the
 * first keeps the example's), and its timestamps spread over the year before the workspace's clock — derived from
 * the seed and `i` only. For lists whose records nothing else in the workspace refers to.
 * @example exampleRecord(ctx, { id: "123", name: "VIP Customers", created_at: 1 }, 2, { base: 48_000, kind: KIND.audience, label: "name" });
 */
import type { GenContext, Rec } from "../context.ts";
import { hash } from "../hash.ts";

const YEAR = 365 * 86_400;

export interface ExampleListOptions {
  /** Record i's id is base + i. */
  base: number;
  /** The KIND salt of the list, so two lists' timestamps differ. */
  kind: number;
  /** The field that names the record (name, title, label), numbered from the second record on. */
  label?: string;
}

export function exampleRecord(ctx: GenContext, example: Rec, i: number, options: ExampleListOptions): Rec {
  const record: Rec = structuredClone(example);
  record.id = typeof example.id === "number" ? options.base + i : String(options.base + i);
  const label = options.label;
  if (label !== undefined && i > 0) record[label] = `${String(example[label] ?? label)} ${i + 1}`;
  const createdAt = ctx.baseNow - YEAR + (hash(ctx.seed, options.kind, i) % (YEAR / 2));
  const updatedAt = createdAt + (hash(ctx.seed, options.kind, i, 1) % (YEAR / 2));
  for (const [field, at] of [["created_at", createdAt], ["updated_at", updatedAt]] as const) {
    if (typeof example[field] === "number") record[field] = at;
    // Macros write their times as ISO 8601 text.
    else if (typeof example[field] === "string") record[field] = new Date(at * 1000).toISOString();
  }
  return record;
}
