/** Tags, and the small tag references embedded in contacts, companies and conversations. */
import type { GenContext, Rec } from "../context.ts";
import { ID_BASE, numericId } from "../ids.ts";

const TAG_NAMES = ["vip", "churn-risk", "beta", "bug", "billing", "feature-request", "Ünïcode ✓", "enterprise"] as const;

export function tagId(i: number): string {
  return numericId(ID_BASE.tag, i);
}

export function tagName(i: number): string {
  const base = TAG_NAMES[i % TAG_NAMES.length] ?? "tag";
  return i < TAG_NAMES.length ? base : `${base}-${Math.floor(i / TAG_NAMES.length) + 1}`;
}

export function tag(_ctx: GenContext, i: number): Rec {
  // GET /tags answers applied_at/applied_by as null: they only mean something on a tagged object.
  return { type: "tag", id: tagId(i), name: tagName(i), applied_at: null, applied_by: null };
}

/** The `tag_basic` shape used inside companies. */
export function tagBasic(i: number): Rec {
  return { type: "tag", id: tagId(i), name: tagName(i) };
}
