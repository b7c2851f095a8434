import { documentSchema } from "./document-schema.ts";
import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

const description = "Each conversation as one markdown transcript (header, then one block per message), for people and LLMs.";

export const conversationTranscripts = defineStream({
  name: "conversation_transcripts",
  description,
  permission: PERMISSIONS.conversations,
  primaryKey: ["id"],
  cursorField: "updated_at",
  read: { kind: "document", parent: "conversations", parts: "conversation_parts", format: "conversation" },
  schema: { own: documentSchema("conversation_transcripts", description) },
  optIn: "a rendering of conversations and their parts, for search and LLMs: named when wanted",
  notes: "Rendered from the conversation and its parts as the run reads them (with conversation_parts: no request more). " +
    "Re-rendered whenever the conversation is re-read; a deleted conversation's transcript is deleted with it.",
});
