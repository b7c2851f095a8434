import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

export const callTranscripts = defineStream({
  name: "call_transcripts",
  description: "The calls of each conversation the run reads, with their transcripts (where Intercom made one) and the transcript's status.",
  permission: PERMISSIONS.conversations,
  primaryKey: ["id"],
  since: "2.14",
  feature: "calls",
  read: {
    kind: "child",
    parent: "conversations",
    path: "/calls/search",
    // Each call names its conversation (conversation_id) itself.
    copy: {},
    recordPath: ["data"],
    batch: { size: 20, idsField: "conversation_ids" },
  },
  schema: {
    component: "call",
    addedFields: {
      transcript: {
        type: "array",
        items: { type: "object", additionalProperties: true },
        description: "The call's transcript, one object per utterance; empty when there is none (POST /calls/search).",
      },
      transcript_status: { type: ["string", "null"], description: "Whether the transcript is ready (POST /calls/search)." },
    },
    note: "Read with POST /calls/search, 20 conversations at a time: the call records of `calls`, with their transcripts.",
  },
  notes:
    "Asked for the conversations the run reads (every conversation on a first or --full-refresh run, those updated since the cursor afterwards), " +
    "20 to a request. A workspace without calls (404 or 403) is said once; the run goes on.",
  optIn: "one request per 20 conversations, and transcripts are large",
});
