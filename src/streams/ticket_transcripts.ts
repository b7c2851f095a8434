import { documentSchema } from "./document-schema.ts";
import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

const description = "Each ticket as one markdown transcript (header with its type, state and attributes, then its parts), for people and LLMs.";

export const ticketTranscripts = defineStream({
  name: "ticket_transcripts",
  description,
  permission: PERMISSIONS.tickets,
  primaryKey: ["id"],
  cursorField: "updated_at",
  read: { kind: "document", parent: "tickets", parts: "ticket_parts", format: "ticket" },
  schema: { own: documentSchema("ticket_transcripts", description) },
  optIn: "a rendering of tickets and their parts, for search and LLMs: named when wanted",
  notes:
    "Rendered from the ticket and its parts as the run reads them (with ticket_parts: no request more); re-rendered whenever the ticket is re-read.",
});
