/**
 * The merge history of contact i (API 2.16), newest first: one in four users has a lead merged into it, an hour
 * after it was created, and every 40th contact (a user) 60 leads, a minute apart — more than a page of 50.
 */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { objectId } from "../ids.ts";

export function mergeHistory(ctx: GenContext, contact: number, createdAt: number): Rec[] {
  const count = contact % 40 === 0 ? 60 : hash(ctx.seed, KIND.mergeHistory, contact) % 4 === 0 ? 1 : 0;
  const entries: Rec[] = [];
  // A merged lead is gone, so its id is one no listed contact has (its own id kind).
  for (let k = count - 1; k >= 0; k--) {
    const source = objectId(ctx.seed, KIND.mergeHistory, createdAt + k, contact * 64 + k);
    entries.push({ type: "merge_history", source_contact_id: source, source_contact_role: "lead", merged_at: createdAt + 3_600 + k * 60 });
  }
  return entries;
}
