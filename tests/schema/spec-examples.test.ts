/**
 * The stream schemas accept every record the spec's own examples show: list responses, single-object
 * responses anywhere in the spec, and records assembled from per-property `example`s.
 */
import { describe, expect, test } from "bun:test";
import { type OpenApiDocument, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { STREAM_SCHEMAS } from "../../src/streams/schemas.ts";
import { createRecordValidator } from "../../src/schema/validate.ts";
import { componentExamples, recordFromPropertyExamples, responseExamples, spec } from "./openapi-responses.ts";

type Row = Record<string, unknown>;

function listItems(doc: OpenApiDocument, path: string, method: string, key: string): Row[] {
  return responseExamples(doc, path, method).flatMap((body) => ((body as Row)[key] as Row[] | undefined) ?? []);
}

/** A record with every property of `component`, each a value of its declared type (strings "1", integers 1700000000). */
function rowOfTypes(doc: OpenApiDocument, component: string): Row {
  const properties = (doc.components.schemas[component]?.properties ?? {}) as Record<string, { type?: string }>;
  return Object.fromEntries(Object.entries(properties).map(([name, node]) => [name, node.type === "integer" ? 1_700_000_000 : "1"]));
}

/** GET one custom object instance (2.14+), the request custom_object_instances reads. */
const COI = "/custom_object_instances/{custom_object_type_identifier}/{custom_object_instance_id}";

/** A list of a later version than `doc`'s has no examples there (each is checked on its own first version). */
function laterListItems(doc: OpenApiDocument, path: string, method: string, key: string): Row[] {
  return doc.paths[path]?.[method] === undefined ? [] : listItems(doc, path, method, key);
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
    // The description's tickets embed no links: a link from its field docs is the sample, as a ticket would embed it.
    ticket_linked_objects: [{ ...recordFromPropertyExamples(doc, "linked_object"), ticket_id: "1", ticket_updated_at: 1_700_000_000 }],
    // So do its conversations: the same link sample, as a conversation would embed it.
    conversation_linked_objects: [
      { ...recordFromPropertyExamples(doc, "linked_object"), conversation_id: "1", conversation_updated_at: 1_700_000_000 },
    ],
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
    // The lists of later versions (read from their first version's description, `doc` being that one).
    ticket_states: [
      ...laterListItems(doc, "/ticket_states", "get", "data"),
      ...ofType("ticket_state", componentExamples(doc, "ticket_state_detailed")),
    ],
    internal_articles: [
      ...laterListItems(doc, "/internal_articles", "get", "data"),
      ...(componentExamples(doc, "internal_article_list_item") as Row[]),
    ],
    brands: [...laterListItems(doc, "/brands", "get", "data"), ...ofType("brand", componentExamples(doc, "brand"))],
    // GET /away_status_reasons shows no example: a record from the field docs' examples stands in.
    // Its `id` has no example either: the one a record needs is added.
    away_status_reasons: [
      ...laterListItems(doc, "/away_status_reasons", "get", "data"),
      ...(doc.components.schemas.away_status_reason ? [{ id: "1", ...(recordFromPropertyExamples(doc, "away_status_reason") as Row) }] : []),
    ],
    office_hours_schedules: laterListItems(doc, "/office_hours_schedules", "get", "data"),
    office_hours_exceptions: laterListItems(doc, "/office_hours_schedules/{office_hours_schedule_id}/office_hours_exceptions", "get", "data"),
    content_snippets: laterListItems(doc, "/content_snippets", "get", "data"),
    audiences: laterListItems(doc, "/audiences", "get", "data"),
    emails: laterListItems(doc, "/emails", "get", "data"),
    content_import_sources: laterListItems(doc, "/ai/content_import_sources", "get", "data"),
    external_pages: laterListItems(doc, "/ai/external_pages", "get", "data"),
    macros: laterListItems(doc, "/macros", "get", "data"),
    // Plain names: each a record { event_type }.
    activity_log_event_types: laterListItems(doc, "/admins/activity_log_event_types", "get", "event_types").map((name) => ({ event_type: name })),
    // GET /calls' example lists none: a call from the field docs' examples stands in.
    calls: [
      ...laterListItems(doc, "/calls", "get", "data"),
      ...(doc.components.schemas.call ? [recordFromPropertyExamples(doc, "call") as Row] : []),
    ],
    call_transcripts: laterListItems(doc, "/calls/search", "post", "data"),
    // The download has no example in any description: a row built from the component's own fields, each of its type.
    content_receipts: [rowOfTypes(doc, "data_export_csv")],
    custom_object_instances: doc.paths[COI]?.get === undefined ? [] : (responseExamples(doc, COI, "get") as Row[]),
    side_conversations: laterListItems(doc, "/conversations/{id}/side_conversations", "get", "side_conversations").map((side) => ({
      ...side,
      conversation_id: "1",
    })),
    handling_events: laterListItems(doc, "/conversations/{id}/handling_events", "get", "handling_events").map((event) => ({
      ...event,
      conversation_id: "1",
    })),
    contact_merge_history: laterListItems(doc, "/contacts/{id}/merge_history", "get", "data").map((entry) => ({ ...entry, contact_id: "1" })),
    article_versions: laterListItems(doc, "/articles/{article_id}/versions", "get", "data"),
    company_notes: laterListItems(doc, "/companies/{company_id}/notes", "get", "data").map((note) => ({ ...note, company_id: "1" })),
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
  // Integers by type and in GET /internal_articles' example (991266252); the field docs write strings ("5017691").
  internal_articles: ["owner_id", "author_id"],
  // The field docs give `id` no example (null), so the assembled record lacks its key.
  away_status_reasons: ["id"],
  // The field docs give no examples, so the assembled record lacks its key.
  content_receipts: ["receipt_id"],
  // A string by type and in every response example ("25"); the field docs write an integer (16032025).
  custom_object_instances: ["id"],
  // Its component is the list (`event_types`); a record is one of its items, which the list's fields do not make.
  activity_log_event_types: ["event_type"],
};

describe("stream schemas accept the spec's own examples", () => {
  test.each(STREAM_SOURCES.map((s) => [s.stream, s] as const))(
    "%s: every example record from the spec's responses passes with no mismatch",
    async (stream, source) => {
      const doc = await spec(source.since);
      const samples = samplesByStream(doc)[stream] ?? [];
      expect(samples.length, `no examples found for ${stream}`).toBeGreaterThan(0);
      const check = createRecordValidator(STREAM_SCHEMAS[stream]!);
      for (const sample of samples) expect(check(sample)).toEqual([]);
    },
  );

  test.each(STREAM_SOURCES.map((s) => [s.stream, s] as const))(
    "%s: a record built from the field docs' examples passes, bar known contradictions",
    async (stream, source) => {
      const doc = await spec(source.since);
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
