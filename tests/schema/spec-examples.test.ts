/**
 * The stream schemas accept every record the spec's own examples show: list responses, single-object
 * responses anywhere in the spec, and records assembled from per-property `example`s.
 */
import { describe, expect, test } from "bun:test";
import { type OpenApiDocument, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { STREAM_SCHEMAS } from "../../src/schema/catalog-schemas.ts";
import { createRecordValidator } from "../../src/schema/validate.ts";
import { componentExamples, recordFromPropertyExamples, responseExamples, spec } from "./openapi-responses.ts";

type Row = Record<string, unknown>;

function listItems(doc: OpenApiDocument, path: string, method: string, key: string): Row[] {
  return responseExamples(doc, path, method).flatMap((body) => ((body as Row)[key] as Row[] | undefined) ?? []);
}

/** Only examples of the record's own type: POST /conversations/{id}/customers declares a conversation but shows a customers list. */
function ofType(type: string, rows: unknown[]): Row[] {
  return (rows as Row[]).filter((row) => row.type === type);
}

function samplesByStream(doc: OpenApiDocument): Record<string, Row[]> {
  const conversations = ofType("conversation", componentExamples(doc, "conversation"));
  const dataAttributes = [
    ...listItems(doc, "/data_attributes", "get", "data"),
    ...ofType("data_attribute", componentExamples(doc, "data_attribute")),
  ];
  const segments = [...listItems(doc, "/segments", "get", "segments"), ...ofType("segment", componentExamples(doc, "segment"))];
  return {
    admins: [...listItems(doc, "/admins", "get", "admins"), ...ofType("admin", componentExamples(doc, "admin"))],
    teams: [...listItems(doc, "/teams", "get", "teams"), ...ofType("team", componentExamples(doc, "team"))],
    tags: [...listItems(doc, "/tags", "get", "data"), ...ofType("tag", componentExamples(doc, "tag"))],
    segments,
    company_attributes: dataAttributes,
    contact_attributes: dataAttributes,
    companies: [
      ...listItems(doc, "/companies/scroll", "get", "data"),
      ...listItems(doc, "/companies", "get", "data"),
      ...ofType("company", componentExamples(doc, "company")),
    ],
    // The spec's GET /companies/{id}/segments example is empty; its items are segments plus our company_id.
    company_segments: [...listItems(doc, "/companies/{company_id}/segments", "get", "data"), ...segments].map((s) => ({
      ...s,
      company_id: "531ee472cce572a6ec000006",
    })),
    contact_segments: [...listItems(doc, "/contacts/{contact_id}/segments", "get", "data"), ...segments].map((s) => ({
      ...s,
      contact_id: "667d60968a68186f43bafd9c",
    })),
    contact_notes: [...listItems(doc, "/contacts/{contact_id}/notes", "get", "data"), ...ofType("note", componentExamples(doc, "note"))].map(
      (note) => ({ ...note, contact_id: "667d60968a68186f43bafd9c" }),
    ),
    contacts: [
      ...listItems(doc, "/contacts/search", "post", "data"),
      ...listItems(doc, "/contacts", "get", "data"),
      ...ofType("contact", componentExamples(doc, "contact")),
    ],
    conversations: [
      ...listItems(doc, "/conversations/search", "post", "conversations"),
      ...listItems(doc, "/conversations", "get", "conversations"),
      ...conversations,
    ],
    conversation_parts: conversations.flatMap((c) =>
      (((c.conversation_parts as Row | undefined)?.conversation_parts as Row[] | undefined) ?? []).map((part) => ({
        ...part,
        conversation_id: c.id,
      }))
    ),
    tickets: [...listItems(doc, "/tickets/search", "post", "tickets"), ...ofType("ticket", componentExamples(doc, "ticket"))],
    ticket_parts: responseExamples(doc, "/tickets/{ticket_id}", "get").flatMap((t) =>
      ((((t as Row).ticket_parts as Row | undefined)?.ticket_parts as Row[] | undefined) ?? []).map((part) => ({ ...part, ticket_id: (t as Row).id }))
    ),
    // Link rows keep a reference's type and id (EmbeddedRead.keep) plus the parent's id and updated_at.
    contact_tags: contactLinks(doc, "tags", "/contacts/{contact_id}/tags"),
    contact_companies: contactLinks(doc, "companies", "/contacts/{contact_id}/companies"),
    // The spec's conversations carry no tags: its tags, as a conversation would embed them, are the samples too.
    conversation_tags: [
      ...conversations.flatMap((c) =>
        (((c.tags as Row | undefined)?.tags as Row[] | undefined) ?? []).map((tag) => ({
          ...tag,
          conversation_id: c.id,
          conversation_updated_at: c.updated_at,
        }))
      ),
      ...listItems(doc, "/tags", "get", "data").map((tag) => ({ ...tag, conversation_id: "1", conversation_updated_at: 1_700_000_000 })),
    ],
    activity_logs: listItems(doc, "/admins/activity_logs", "get", "activity_logs"),
    // 2.11's examples list no conversation attribute; any data_attribute has the same shape.
    conversation_attributes: dataAttributes,
    // GET /help_center/help_centers' example is empty; GET /help_center/help_centers/{id} shows one.
    help_centers: [...listItems(doc, "/help_center/help_centers", "get", "data"), ...(componentExamples(doc, "help_center") as Row[])],
    collections: [...listItems(doc, "/help_center/collections", "get", "data"), ...(componentExamples(doc, "collection") as Row[])],
    articles: [...listItems(doc, "/articles", "get", "data"), ...ofType("article", componentExamples(doc, "article_list_item"))],
    ticket_types: [...listItems(doc, "/ticket_types", "get", "data"), ...ofType("ticket_type", componentExamples(doc, "ticket_type"))],
    subscription_types: [...listItems(doc, "/subscription_types", "get", "data"), ...(componentExamples(doc, "subscription_type") as Row[])],
    newsfeeds: [...listItems(doc, "/news/newsfeeds", "get", "data"), ...ofType("newsfeed", componentExamples(doc, "newsfeed"))],
    news_items: [...listItems(doc, "/news/news_items", "get", "data"), ...ofType("news-item", componentExamples(doc, "news_item"))],
  };
}

/** contact_tags / contact_companies rows from the contacts' embedded lists and from the whole-list response. */
function contactLinks(doc: OpenApiDocument, field: "tags" | "companies", wholeList: string): Row[] {
  const row = (item: Row, contact: Row): Row => ({ type: item.type, id: item.id, contact_id: contact.id, contact_updated_at: contact.updated_at });
  const contacts = [...listItems(doc, "/contacts/search", "post", "data"), ...ofType("contact", componentExamples(doc, "contact"))];
  const embedded = contacts.flatMap((c) => (((c[field] as Row | null | undefined)?.data as Row[] | undefined) ?? []).map((item) => row(item, c)));
  const someContact = { id: "5ba682d23d7cf92bef87bfd4", updated_at: 1_700_000_000 };
  return [...embedded, ...listItems(doc, wholeList, "get", "data").map((item) => row(item, someContact))];
}

/** The locales article_translated_content declares, in its order. */
const ARTICLE_LOCALES = [
  ..."ar bg bs ca cs da de el en es et fi fr he hr hu id it ja ko lt lv mn nb nl pl pt ro ru sl sr sv tr vi".split(" "),
  "pt-BR",
  "zh-CN",
  "zh-TW",
];

/**
 * Per-property `example`s the spec contradicts elsewhere; everything else must pass.
 * ticket_type_attribute.input_options: the field doc's example is a JSON string, the response examples
 * (GET /ticket_types) and the type say object (in tickets and in ticket_types alike).
 */
const CONTRADICTED_PROPERTY_EXAMPLES: Record<string, string[]> = {
  tickets: ["ticket_type.ticket_type_attributes.ticket_type_attributes[].input_options"],
  ticket_types: ["ticket_type_attributes.ticket_type_attributes[].input_options"],
  // Integers by type and in GET /help_center/collections' example (order 17, help_center_id 79); the field docs write strings.
  collections: ["order", "help_center_id"],
  // Integers by type and in GET /articles' example (author_id 991267402, parent_id 143); the field docs write strings,
  // in the article and in each locale's content.
  articles: ["author_id", "parent_id", ...ARTICLE_LOCALES.map((locale) => `translated_content.${locale}.author_id`)],
};

describe("stream schemas accept the spec's own examples", () => {
  test.each(STREAM_SOURCES.map((s) => [s.stream, s] as const))(
    "%s: every example record from the spec's responses passes with no mismatch",
    async (stream) => {
      const doc = await spec();
      const samples = samplesByStream(doc)[stream] ?? [];
      expect(samples.length, `no examples found for ${stream}`).toBeGreaterThan(0);
      const check = createRecordValidator(STREAM_SCHEMAS[stream]!);
      for (const sample of samples) expect(check(sample)).toEqual([]);
    },
  );

  test.each(STREAM_SOURCES.map((s) => [s.stream, s] as const))(
    "%s: a record built from the field docs' examples passes, bar known contradictions",
    async (stream, source) => {
      const doc = await spec();
      const parentFields = {
        company_id: "1",
        conversation_id: "2",
        contact_id: "3",
        ticket_id: "4",
        contact_updated_at: 5,
        conversation_updated_at: 6,
      };
      const record = { ...recordFromPropertyExamples(doc, source.component), ...parentFields };
      const check = createRecordValidator(STREAM_SCHEMAS[stream]!);
      expect(check(record).map((m) => m.field)).toEqual(CONTRADICTED_PROPERTY_EXAMPLES[stream] ?? []);
    },
  );
});
