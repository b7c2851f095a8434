/**
 * Fields Intercom sends that its OpenAPI description does not declare. A stream's schema is the union of the
 * description's fields and these (scripts/gen-schemas.ts adds each where the version's description lacks it;
 * where it has the field, the description wins). Each addition names where it was seen:
 * - `recorded`: in records a real workspace sent (tests/fixtures/airbyte-source-intercom/expected_records.jsonl);
 * - `seed`: in the Airbyte Intercom connector's stream schemas (airbytehq/airbyte, source-intercom manifest.yaml,
 *   `schemas:`), which were built from real responses and which the connections moving to intercom-sync have;
 * - `examples`: in the description's own response examples (e.g. `topics: {}`, `ticket: null` on conversations);
 * - `2.11`: declared by the 2.11 description, left out of a later one although Intercom still sends it;
 * - `fake`: what the fake Intercom serves, modelled on the above.
 * Typed destinations make a column per declared field and drop the rest, so a field left out here is lost there.
 * tests/schema/schema-additions.test.ts checks every seed field is declared (or listed in SEED_FIELDS_NOT_OURS).
 */
import type { ApiVersion } from "../src/api-versions.ts";
import type { JsonSchema } from "../src/schema/json-schema.ts";

export type AdditionSource = "recorded" | "seed" | "examples" | "2.11" | "fake";

export const SOURCE_NAMES: Record<AdditionSource, string> = {
  recorded: "seen in recorded real records",
  seed: "declared by the Airbyte Intercom connector's schema",
  examples: "in the OpenAPI description's own response examples",
  "2.11": "declared by the Intercom OpenAPI 2.11 description",
  fake: "served by the fake Intercom",
};

export interface SchemaAddition {
  streams: string[];
  /** A top-level field of the record. */
  field: string;
  schema: JsonSchema;
  sources: AdditionSource[];
}

const nullable = (type: "string" | "integer" | "boolean", extra: JsonSchema = {}): JsonSchema => ({ type: [type, "null"], ...extra });
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({ type: ["object", "null"], properties, additionalProperties: true });
const arrayOf = (items: JsonSchema): JsonSchema => ({ type: ["array", "null"], items });
const reference = object({ type: nullable("string"), id: nullable("string") });
const person = object({ type: nullable("string"), id: nullable("string"), name: nullable("string"), email: nullable("string") });

/** The URL lists a contact embeds; Intercom's urls are paths without the host (see schema-formats.ts). */
const contactList = object({
  type: nullable("string"),
  data: arrayOf(object({ type: nullable("string"), id: nullable("string"), url: nullable("string", { format: "uri-reference" }) })),
  url: nullable("string", { format: "uri-reference" }),
  total_count: nullable("integer"),
  has_more: nullable("boolean"),
});

const contact = (field: string, schema: JsonSchema, sources: AdditionSource[]): SchemaAddition => ({ streams: ["contacts"], field, schema, sources });
const conversation = (field: string, schema: JsonSchema, sources: AdditionSource[]): SchemaAddition => ({
  streams: ["conversations"],
  field,
  schema,
  sources,
});

export const SCHEMA_ADDITIONS: SchemaAddition[] = [
  contact("formatted_phone", nullable("string"), ["2.11", "fake"]),
  contact("sms_consent", nullable("boolean"), ["recorded", "seed"]),
  contact("unsubscribed_from_sms", nullable("boolean"), ["recorded", "seed"]),
  contact("referrer", nullable("string"), ["seed"]),
  ...["utm_campaign", "utm_content", "utm_medium", "utm_source", "utm_term"].map((field) => contact(field, nullable("string"), ["seed"])),
  contact("opted_in_subscription_types", contactList, ["seed"]),
  contact("opted_out_subscription_types", contactList, ["seed"]),
  conversation("assignee", person, ["recorded", "seed"]),
  conversation(
    "topics",
    object({
      type: nullable("string"),
      topics: arrayOf(object({ type: nullable("string"), id: nullable("integer"), name: nullable("string") })),
      total_count: nullable("integer"),
    }),
    [
      "seed",
      "examples",
      "fake",
    ],
  ),
  conversation("ticket", { type: ["object", "null"], additionalProperties: true }, ["examples"]),
  conversation(
    "conversation_message",
    object({
      type: nullable("string"),
      id: nullable("string"),
      subject: nullable("string"),
      body: nullable("string"),
      delivered_as: nullable("string"),
      url: nullable("string"),
      author: person,
      attachments: arrayOf({ type: ["object", "null"], additionalProperties: true }),
    }),
    ["seed"],
  ),
  conversation(
    "customer_first_reply",
    object({ type: nullable("string"), created_at: nullable("integer", { format: "unix-time" }), url: nullable("string") }),
    ["seed"],
  ),
  conversation("customers", arrayOf(reference), ["seed"]),
  conversation("user", reference, ["seed"]),
  conversation("sent_at", nullable("integer", { format: "unix-time" }), ["seed"]),
  conversation("redacted", nullable("boolean"), ["seed"]),
  { streams: ["admins"], field: "admin_ids", schema: arrayOf({ type: "integer" }), sources: ["seed"] },
  { streams: ["ticket_types"], field: "is_internal", schema: nullable("boolean"), sources: ["recorded", "fake"] },
];

/**
 * Fields of the seed connector's schemas that are not Intercom's: that connector adds them to each record
 * itself. intercom-sync does not send them, so it does not declare them.
 */
export const SEED_FIELDS_NOT_OURS: Record<string, Record<string, string>> = {
  conversation_parts: {
    conversation_created_at: "copied from the parent conversation by the Airbyte connector",
    conversation_updated_at: "copied from the parent conversation by the Airbyte connector",
    conversation_total_parts: "copied from the parent conversation by the Airbyte connector",
  },
};

/** Seed fields a later API version moved elsewhere in the record (the seed connector speaks 2.11). */
const LABELS_MOVED = "from 2.12 on, inside the `ticket_state` object (`internal_label`, `external_label`)";
export const SEED_FIELDS_MOVED: Partial<Record<ApiVersion, Record<string, Record<string, string>>>> = {
  "2.14": { tickets: { ticket_state_internal_label: LABELS_MOVED, ticket_state_external_label: LABELS_MOVED } },
  "2.16": { tickets: { ticket_state_internal_label: LABELS_MOVED, ticket_state_external_label: LABELS_MOVED } },
};

/** Add the stream's additions its properties lack, in place, each with its sources in its description. */
export function applySchemaAdditions(
  stream: string,
  properties: Record<string, JsonSchema>,
  additions: readonly SchemaAddition[] = SCHEMA_ADDITIONS,
): void {
  for (const addition of additions) {
    if (!addition.streams.includes(stream) || properties[addition.field] !== undefined) continue;
    const sources = addition.sources.map((source) => SOURCE_NAMES[source]).join("; ");
    properties[addition.field] = {
      description: `Added by intercom-sync, not in this version's Intercom OpenAPI description: ${sources} (scripts/schema-additions.ts).`,
      ...structuredClone(addition.schema),
    };
  }
}
