/** Companies: base record i from (seed, i); mutated ones come from the workspace overlay. */
import { baseCompanyId, type GenContext, type Rec } from "../context.ts";
import { KIND, Rand } from "../hash.ts";
import { DAY } from "../timeline.ts";
import { COMPANY_SUFFIXES, COMPANY_WORDS, INDUSTRIES, PLANS } from "../words.ts";
import { companySegmentIndices, segment } from "./segments.ts";
import { tagBasic } from "./tags.ts";

export function company(ctx: GenContext, i: number, createdAt = ctx.companies.createdAt(i), updatedAt = ctx.companies.updatedAt(i)): Rec {
  const r = new Rand(ctx.seed, KIND.company, i);
  const name = `${r.pick(COMPANY_WORDS)} ${r.pick(COMPANY_SUFFIXES)}`;
  const planIndex = r.int(PLANS.length);
  const tags: Rec[] = [];
  const tagCount = ctx.sizes.tags > 0 ? r.int(3) : 0;
  for (let k = 0; k < tagCount; k++) tags.push(tagBasic((i + k * 5) % ctx.sizes.tags));
  return {
    type: "company",
    company_id: `cmp-${i + 1}`,
    id: baseCompanyId(ctx, i),
    app_id: ctx.appId,
    name,
    remote_created_at: createdAt - r.int(400) * DAY,
    created_at: createdAt,
    updated_at: updatedAt,
    last_request_at: updatedAt - r.int(3_600),
    monthly_spend: r.chance(0.3) ? 0 : r.between(10, 20_000),
    session_count: r.int(5_000),
    user_count: r.int(40),
    size: r.between(1, 5_000),
    website: `https://${name.split(" ")[0]?.toLowerCase() ?? "example"}-${i + 1}.example.com`,
    industry: r.pick(INDUSTRIES),
    plan: { type: "plan", id: String(700 + planIndex), name: PLANS[planIndex] },
    custom_attributes: {
      industry: r.pick(INDUSTRIES),
      tier: r.pick(["bronze", "silver", "gold"]),
      renewal_date: `2026-${String(r.between(1, 12)).padStart(2, "0")}-01`,
    },
    tags: { type: "tag.list", tags },
    segments: {
      type: "segment.list",
      segments: ctx.companySegmentsEmbedded ? companySegmentIndices(ctx, i).map((s) => segment(ctx, s)) : [],
    },
  };
}
