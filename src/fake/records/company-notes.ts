/** The notes of company i (API 2.16): 0 to 2, a pure function of (seed, i), newest first as Intercom lists them. */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { adminEmail, adminId, adminName } from "./admins.ts";

const BODIES = ["<p>Renewal call booked.</p>", "<p>Asked for a security review.</p>", "<p>Champion left; new contact is the CTO.</p>"];

export function companyNotes(ctx: GenContext, company: number, companyId: string, companyCreatedAt: number): Rec[] {
  const count = hash(ctx.seed, KIND.companyNote, company) % 3;
  const notes: Rec[] = [];
  for (let k = count - 1; k >= 0; k--) {
    const h = hash(ctx.seed, KIND.companyNote, company, k + 1);
    const author = h % Math.max(ctx.sizes.admins, 1);
    notes.push({
      type: "note",
      id: numericId(ID_BASE.companyNote, company * 4 + k),
      created_at: companyCreatedAt + (k + 1) * 86_400 + (h % 3_600),
      company: { type: "company", id: companyId },
      author: {
        type: "admin",
        id: adminId(author),
        name: adminName(ctx, author),
        email: adminEmail(author),
        away_mode_enabled: false,
        away_mode_reassign: false,
      },
      body: BODIES[(company + k) % BODIES.length],
    });
  }
  return notes;
}
