/**
 * Calls (API 2.14 on), modelled on the call component of the description: phone calls of a conversation, with
 * their timing (initiated, answered, ended; unix seconds, one of the two forms `datetime` allows). Call i belongs
 * to conversation i (the first `calls` conversations), derived from the seed and i only.
 */
import type { GenContext, Rec } from "../context.ts";
import { baseContactId } from "../context.ts";
import { hash, KIND } from "../hash.ts";
import { ID_BASE, numericId } from "../ids.ts";
import { adminId } from "./admins.ts";

const ENDINGS = ["completed", "completed", "no_answer", "voicemail"] as const;

export function callId(i: number): string {
  return numericId(ID_BASE.call, i);
}

export function call(ctx: GenContext, i: number): Rec {
  const h = hash(ctx.seed, KIND.call, i);
  const initiatedAt = ctx.baseNow - 200 * 86_400 + ((h % 190) * 86_400 + (h % 86_400));
  const ended = ENDINGS[h % ENDINGS.length]!;
  const answeredAt = ended === "completed" ? initiatedAt + 5 + (h % 40) : null;
  const endedAt = (answeredAt ?? initiatedAt) + (ended === "completed" ? 60 + (h % 1_200) : 30);
  const id = callId(i);
  return {
    type: "call",
    id,
    conversation_id: numericId(ID_BASE.conversation, i),
    admin_id: ctx.sizes.admins > 0 ? adminId(h % ctx.sizes.admins) : null,
    contact_id: ctx.sizes.contacts > 0 ? baseContactId(ctx, h % ctx.sizes.contacts) : null,
    state: "completed",
    initiated_at: initiatedAt,
    // A call nobody answered has no answer time: left out (the description's datetime is not nullable).
    ...(answeredAt === null ? {} : { answered_at: answeredAt }),
    ended_at: endedAt,
    created_at: initiatedAt,
    updated_at: endedAt + 60,
    recording_url: ended === "completed" ? `https://api.intercom.io/calls/${id}/recording` : null,
    transcription_url: ended === "completed" ? `https://api.intercom.io/calls/${id}/transcript` : null,
    call_type: "phone",
    direction: h % 2 === 0 ? "inbound" : "outbound",
    ended_reason: ended,
    phone: `+1555${String(1_000_000 + (h % 9_000_000)).slice(0, 7)}`,
    fin_recording_url: null,
    fin_transcription_url: null,
  };
}

/** A call as POST /calls/search answers it: with its transcript (empty for a call nobody answered) and its status. */
export function callWithTranscript(record: Rec): Rec {
  const answered = record.ended_reason === "completed";
  const transcript = answered
    ? [
      { timestamp: "00:00:03", speaker: "Teammate 1", text: "Hello, thanks for calling. How can I help today?" },
      { timestamp: "00:00:09", speaker: "User", text: "I need help recovering access to my account." },
      { timestamp: "00:00:15", speaker: "Teammate 1", text: "I can help with that." },
    ]
    : [];
  return { ...record, transcript, transcript_status: answered ? "completed" : null };
}
