/**
 * What GET /contacts/{id}/segments and GET /contacts/{id}/notes list for contact i: pure functions of
 * (seed, i), so a contact created during a test has them too. Most contacts have a note or two; every 17th has
 * enough for several pages at the default page size.
 */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND, Rand } from "../hash.ts";
import { ID_BASE, NOTE_SLOTS, numericId } from "../ids.ts";
import { adminEmail, adminId, adminName } from "./admins.ts";

/** Indices of the segments a contact belongs to (0 to 3 of them). */
export function contactSegmentIndices(ctx: GenContext, contact: number): number[] {
  const result: number[] = [];
  for (let s = 0; s < ctx.sizes.segments; s++) {
    if (hash(ctx.seed, KIND.contactSegment, contact, s) % 3 === 0) result.push(s);
    if (result.length === 3) break;
  }
  return result;
}

/** How many notes contact i has: 0 to 2, or 31 to 48 for every 17th contact (three or four pages of 15). */
export function noteCount(ctx: GenContext, contact: number): number {
  const h = hash(ctx.seed, KIND.note, contact);
  return contact % 17 === 5 ? 31 + (h % 18) : h % 3;
}

/** Note k of contact i, in the 2.11 shape (author: the admin who wrote it). */
export function note(ctx: GenContext, contact: number, contactId: string, contactCreatedAt: number, k: number): Rec {
  const r = new Rand(ctx.seed, KIND.note, contact * NOTE_SLOTS + k);
  const author = r.int(Math.max(ctx.sizes.admins, 1));
  return {
    type: "note",
    id: numericId(ID_BASE.note, contact * NOTE_SLOTS + k),
    created_at: contactCreatedAt + (k + 1) * 3_600 + r.int(3_600),
    contact: { type: "contact", id: contactId },
    author: {
      type: "admin",
      id: adminId(author),
      name: adminName(ctx, author),
      email: adminEmail(author),
      away_mode_enabled: false,
      away_mode_reassign: false,
    },
    body: `<p>${r.pick(["Called about renewal.", "Asked for an invoice copy.", "Prefers email.", "Evaluating the Pro plan."])}</p>`,
  };
}

/** Every note of contact i, newest first, as Intercom lists them. */
export function contactNotes(ctx: GenContext, contact: number, contactId: string, contactCreatedAt: number): Rec[] {
  const notes: Rec[] = [];
  for (let k = noteCount(ctx, contact) - 1; k >= 0; k--) notes.push(note(ctx, contact, contactId, contactCreatedAt, k));
  return notes;
}
