/** The merge history of contact i (API 2.16): one in four users has a lead merged into it, an hour after it was created. */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { objectId } from "../ids.ts";

export function mergeHistory(ctx: GenContext, contact: number, createdAt: number): Rec[] {
  if (hash(ctx.seed, KIND.mergeHistory, contact) % 4 !== 0) return [];
  // The merged lead is gone, so its id is one no listed contact has (its own id kind).
  const source = objectId(ctx.seed, KIND.mergeHistory, createdAt, contact);
  return [{ type: "merge_history", source_contact_id: source, source_contact_role: "lead", merged_at: createdAt + 3_600 }];
}
