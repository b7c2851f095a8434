/**
 * What API 2.16 lists per conversation beside its parts: handling events (a teammate pausing and resuming work on
 * it, with a reason) and side conversations (internal threads with their own parts). Derived from the seed, the
 * conversation's index and its creation time only, so a conversation's lists never change under a test.
 */
import type { GenContext, Rec } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { adminEmail, adminId, adminName } from "./admins.ts";

const REASONS = ["Paused", "Away", "Lunch", null] as const;

function teammate(ctx: GenContext, salt: number): Rec {
  const a = ctx.sizes.admins > 0 ? salt % ctx.sizes.admins : 0;
  return { type: "admin", id: Number(adminId(a)), name: adminName(ctx, a), email: adminEmail(a) };
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString().replace(".000Z", "Z");

/** 0–2 pause/resume pairs, ten minutes apart, from an hour after the conversation began. */
export function handlingEvents(ctx: GenContext, i: number, createdAt: number): Rec[] {
  const pairs = hash(ctx.seed, KIND.handlingEvent, i) % 3;
  const who = teammate(ctx, hash(ctx.seed, KIND.handlingEvent, i, 1));
  const events: Rec[] = [];
  for (let k = 0; k < pairs; k++) {
    const paused = createdAt + 3_600 + k * 1_200;
    const reason = REASONS[(i + k) % REASONS.length]!;
    events.push({ teammate: who, type: "paused", timestamp: iso(paused), ...(reason === null ? {} : { reason }) });
    events.push({ teammate: who, type: "resumed", timestamp: iso(paused + 600) });
  }
  return events;
}

/** One in three conversations has a side conversation, of one or two parts. */
export function sideConversations(ctx: GenContext, i: number, createdAt: number): Rec[] {
  if (hash(ctx.seed, KIND.sideConversation, i) % 3 !== 0) return [];
  const partCount = 1 + (hash(ctx.seed, KIND.sideConversation, i, 1) % 2);
  const parts = Array.from({ length: partCount }, (_, k) => {
    const at = createdAt + 1_800 + k * 300;
    const { type, id, name, email } = teammate(ctx, hash(ctx.seed, KIND.sideConversation, i, 2 + k));
    return {
      type: "conversation_part",
      id: numericId(ID_BASE.sidePart, i * 4 + k),
      part_type: "comment",
      body: k === 0 ? "<p>Can someone from billing look at this?</p>" : "<p>On it.</p>",
      author: { type, id: String(id), name, email },
      created_at: at,
      updated_at: at,
    };
  });
  return [{ side_conversation_id: numericId(ID_BASE.sideConversation, i), conversation_parts: parts, total_count: parts.length }];
}
