/**
 * The JSON Schema of the document streams (conversation_transcripts, ticket_transcripts, article_documents): records
 * intercom-sync makes itself, so no component of Intercom's description describes them. One shape for the three,
 * so a vector store or a search index takes them through one mapping: `markdown` is the text to embed, the rest
 * is metadata to filter on. Fields a kind of document has no value for are null.
 */
import type { JsonSchema } from "../schema/json-schema.ts";

const text = (description: string): JsonSchema => ({ type: ["string", "null"], description });
const time = (description: string): JsonSchema => ({ type: ["integer", "null"], format: "unix-time", description });
const names = (description: string): JsonSchema => ({ type: ["array", "null"], items: { type: "string" }, description });

export function documentSchema(stream: string, description: string, primaryKey: readonly string[] = ["id"]): JsonSchema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: stream,
    description:
      `${description} Made by intercom-sync (src/engine/documents/), not read from Intercom; the schema is src/streams/document-schema.ts.`,
    "x-primary-key": [...primaryKey],
    "x-cursor-field": "updated_at",
    type: "object",
    required: ["id"],
    additionalProperties: true,
    properties: {
      id: { type: "string", description: "The id of the conversation, ticket or article the document renders." },
      title: text("The title, else the first line of the first message."),
      markdown: {
        type: "string",
        description: 'The document: a metadata header, then one block per message (see the README\'s "Documents for people and LLMs").',
      },
      url: text("Where a teammate opens it: the inbox URL in the workspace's region, or the article's public URL."),
      created_at: time("When the conversation, ticket or article was created (unix seconds)."),
      updated_at: time("The source record's updated_at: the document is re-rendered whenever it moves."),
      state: text("open, closed or snoozed; a ticket's state; an article's published or draft."),
      contacts: names("The contacts of a conversation or ticket, by name (or email, or id)."),
      assignee: text("The assigned teammate, by name where the run read it, else `admin <id>`."),
      team: text("The assigned team, `team <id>`."),
      tags: names("The tags' names."),
      channel: text("Where the conversation started (conversation, email, whatsapp, …)."),
      rating: { type: ["integer", "null"], description: "The customer's rating (1–5)." },
      ai_agent_resolution_state: text("Fin's resolution state, when the AI agent took part."),
      ticket_type: text("A ticket's type."),
      locale: text("An article's locale: one document per translation, keyed by id and locale."),
      collection_ids: names("An article's collections (or sections), by id: where it sits in the help center's tree."),
      messages: { type: ["integer", "null"], description: "Message blocks in the markdown (system events included)." },
      truncated: { type: ["boolean", "null"], description: "Intercom returned only the 500 most recent parts: older messages are missing." },
    },
  };
}
