/** Segments, also embedded in companies and listed per company. */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { objectId } from "../ids.ts";
import { DAY } from "../timeline.ts";

const SEGMENT_NAMES = ["Active", "New", "Slipping away", "Paying", "Trial", "Enterprise accounts"] as const;

/** Segment i; `count` (GET /segments?include_count=true) is the number of companies in it, as the fake defines it. */
export function segment(ctx: GenContext, i: number, count?: number): Rec {
  const createdAt = ctx.baseNow - 700 * DAY + i * 3_607;
  const base = SEGMENT_NAMES[i % SEGMENT_NAMES.length] ?? "Segment";
  const record: Rec = {
    type: "segment",
    id: objectId(ctx.seed, KIND.segment, createdAt, i),
    name: i < SEGMENT_NAMES.length ? base : `${base} ${Math.floor(i / SEGMENT_NAMES.length) + 1}`,
    created_at: createdAt,
    updated_at: createdAt + (hash(ctx.seed, KIND.segment, i) % (200 * DAY)),
    person_type: i % 3 === 2 ? "contact" : "user",
  };
  if (count !== undefined) record.count = count;
  return record;
}

/** Indices of the segments a company belongs to (0 to 3 of them; each with odds 1 in `companySegmentOdds`), or as a test set them. */
export function companySegmentIndices(ctx: GenContext, company: number): number[] {
  const edited = ctx.companySegmentEdits.byCompany.get(company);
  if (edited) return [...edited];
  const result: number[] = [];
  for (let s = 0; s < ctx.sizes.segments; s++) {
    if (hash(ctx.seed, KIND.companySegment, company, s) % ctx.sizes.companySegmentOdds === 0) result.push(s);
    if (result.length === 3) break;
  }
  return result;
}
