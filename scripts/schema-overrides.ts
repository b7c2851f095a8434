/**
 * Where the stream schemas deliberately differ from Intercom's OpenAPI description: fields the description
 * types too narrowly for what Intercom really sends. Each override widens one field's type, never narrows it,
 * and says why. scripts/gen-schemas.ts applies them; tests/schema/schema-overrides.test.ts checks that each
 * one still names a field of the generated schema and still adds something the description does not allow.
 *
 * Paths use the notation of the run's mismatch summary (`a.b[].c`), so a reported field can be looked up here.
 * Evidence, in order of weight: a later description of the same API (2.14/2.16) declaring the wider type; the
 * 2.11 description contradicting itself; the field's own meaning ("time of first close" has no value before
 * the first close, and Intercom sends null rather than leaving the key out); schemas built from real
 * responses by other exporters (Airbyte's source-intercom declares the conversation statistics, attachment
 * sizes and ticket fields below nullable, and `last_closed_by_id` an integer).
 */
import type { ApiVersion } from "../src/api-versions.ts";
import type { JsonSchema, JsonSchemaType } from "../src/schema/json-schema.ts";
import { contentReceipts } from "../src/streams/content_receipts.ts";

const CONTENT_RECEIPT_TIMES = contentReceipts.read.kind === "export-job" ? contentReceipts.read.timeColumns : [];

export interface SchemaOverride {
  /** Streams whose generated schema carries the field. */
  streams: string[];
  /** Dotted paths from the record's root, `[]` for array items. */
  paths: string[];
  /** Versions whose description is right about the field (or lacks it), each with the evidence; applied to every other. */
  except?: Partial<Record<ApiVersion, string>>;
  /** Types added to what the description declares (`number` also replaces `integer`). */
  add: JsonSchemaType[];
  why: string;
}

const STATISTICS_TIMES = [
  "first_contact_reply_at",
  "first_assignment_at",
  "first_admin_reply_at",
  "first_close_at",
  "last_assignment_at",
  "last_assignment_admin_reply_at",
  "last_contact_reply_at",
  "last_admin_reply_at",
  "last_close_at",
];
const STATISTICS_DURATIONS = [
  "time_to_assignment",
  "time_to_admin_reply",
  "time_to_first_close",
  "time_to_last_close",
  "median_time_to_reply",
];

/** A conversation part's fields, wherever parts appear: the parts stream and the lists inside a conversation or ticket. */
const partPaths = (field: string) => [
  `conversation_parts:${field}`,
  `conversations:conversation_parts.conversation_parts[].${field}`,
  `tickets:ticket_parts.ticket_parts[].${field}`,
];

/** Expand "stream:path" pairs into one override. */
function at(pairs: string[], add: JsonSchemaType[], why: string): SchemaOverride[] {
  const byStream = new Map<string, string[]>();
  for (const pair of pairs) {
    const [stream, path] = pair.split(":") as [string, string];
    byStream.set(stream, [...(byStream.get(stream) ?? []), path]);
  }
  return [...byStream].map(([stream, paths]) => ({ streams: [stream], paths, add, why }));
}

export const SCHEMA_OVERRIDES: SchemaOverride[] = [
  {
    streams: ["macros"],
    paths: ["body", "body_text"],
    add: ["null"],
    why:
      "GET /macros' own example (large_list_preview, 2.16) shows a macro whose body and body_text are null; the macro component declares plain strings.",
  },
  {
    streams: ["conversations"],
    paths: STATISTICS_TIMES.map((field) => `statistics.${field}`),
    add: ["null"],
    why: "A statistics timestamp is null until its event happens (no assignment, admin reply or close yet); the description declares plain integers.",
  },
  {
    streams: ["conversations"],
    paths: STATISTICS_DURATIONS.map((field) => `statistics.${field}`),
    add: ["null"],
    why: "A statistics duration is null until both its ends exist (e.g. time_to_first_close of an open conversation).",
  },
  {
    streams: ["conversations"],
    paths: ["statistics.last_closed_by_id"],
    add: ["integer", "null"],
    why:
      "Null until the conversation is first closed; declared a string, but an admin id, which Intercom sends as an integer elsewhere (admin_assignee_id).",
  },
  {
    streams: ["conversations"],
    paths: ["conversation_rating.remark"],
    add: ["null"],
    why: "A customer can rate without writing a remark.",
  },
  {
    streams: ["conversations"],
    paths: ["conversation_rating.teammate.id"],
    add: ["integer"],
    why: "An admin id: Intercom sends admin ids as integers in conversations (admin_assignee_id), the description says string here.",
  },
  {
    streams: ["conversations"],
    paths: ["source.id", "source.author.id", "source.author.email"],
    except: { "2.16": "declared nullable there" },
    add: ["null"],
    why: "2.16 declares these nullable (a conversation started by an automation or a contact without an email has none).",
  },
  ...at(
    partPaths("author.email"),
    ["null"],
    "A part written by a bot, or by a lead who never gave an email, has no author email; 2.16 declares the source author's email nullable for the same reason.",
  ),
  ...at(
    [
      ...partPaths("attachments[].width"),
      ...partPaths("attachments[].height"),
      "conversations:source.attachments[].width",
      "conversations:source.attachments[].height",
    ],
    ["null"],
    "Only images have a width and height; a PDF or a text file has null.",
  ),
  ...at(
    ["tickets:ticket_parts.ticket_parts[].previous_ticket_state", "ticket_parts:previous_ticket_state"],
    ["null"],
    "The part that creates a ticket has no previous state.",
  ),
  {
    streams: ["tickets"],
    paths: ["admin_assignee_id", "team_assignee_id"],
    except: { "2.16": 'declared integers that are 0, not null, while unassigned ("If it\'s not assigned to an admin it will return 0")' },
    add: ["integer", "null"],
    why: "Null while unassigned (conversation assignee ids are nullable in the same description); 2.16 declares them integers, 2.11 strings.",
  },
  {
    streams: ["tickets"],
    paths: ["snoozed_until"],
    add: ["null"],
    why: "Null unless the ticket is snoozed, as the description itself says for conversations.snoozed_until.",
  },
  {
    streams: ["contacts"],
    paths: ["email", "email_domain"],
    add: ["null"],
    why: "Leads and users created from a phone number or an anonymous Messenger visit have no email.",
  },
  {
    streams: ["contacts"],
    paths: ["location.type"],
    except: { "2.14": "declared nullable there", "2.16": "declared nullable there" },
    add: ["null"],
    why: "2.14 and 2.16 declare it nullable (a contact with no known location).",
  },
  {
    streams: ["companies"],
    paths: ["remote_created_at", "last_request_at"],
    add: ["null"],
    why: "Null until they apply: remote_created_at is set only when your app sends it, last_request_at only once a member was seen.",
  },
  {
    streams: ["companies"],
    paths: ["website", "industry", "size"],
    add: ["null"],
    why: "Optional attributes that a company created with only an id and a name does not have.",
  },
  {
    streams: ["companies"],
    paths: ["monthly_spend"],
    add: ["number"],
    why: "Typed integer, but GET /data_attributes?model=company in the same description declares it `data_type: float`.",
  },
  {
    streams: ["admins"],
    paths: ["job_title"],
    add: ["null"],
    why: "Unset for a teammate who never filled it in.",
  },
  {
    streams: ["admins"],
    paths: ["avatar.image_url"],
    except: { "2.14": "`avatar` is the URL itself, declared nullable", "2.16": "`avatar` is the URL itself, declared nullable" },
    add: ["null"],
    why: "Unset for a teammate without an avatar; the description makes the same avatar.image_url nullable on contacts.",
  },
  {
    streams: ["activity_logs"],
    paths: ["performed_by.ip"],
    add: ["null"],
    why: "Actions performed by Intercom itself or through the API have no IP address.",
  },
  {
    streams: ["activity_logs"],
    paths: ["metadata.auto_changed"],
    add: ["boolean", "null"],
    why: "Typed string, but the description's own example is the boolean `false`.",
  },
  {
    streams: ["content_receipts"],
    // Every time column but received_at, which every receipt has.
    paths: CONTENT_RECEIPT_TIMES.filter((column) => column !== "received_at"),
    add: ["null"],
    why: "A receipt not yet opened, clicked, replied to… has no such time: the export's cell is empty, written as null.",
  },
];

/** The node a dotted path names inside a stream schema, or undefined when the schema has no such field. */
export function schemaNodeAt(schema: JsonSchema, path: string): JsonSchema | undefined {
  let node: JsonSchema | undefined = schema;
  for (const segment of path.split(".")) {
    const name = segment.replace(/(\[\])+$/, "");
    node = node?.properties?.[name];
    for (let depth = (segment.length - name.length) / 2; depth > 0; depth--) node = node?.items;
  }
  return node;
}

/** The types a node declares, as a list. */
export function declaredTypes(node: JsonSchema): JsonSchemaType[] {
  return node.type === undefined ? [] : Array.isArray(node.type) ? [...node.type] : [node.type];
}

/** Apply every override for `stream` to its generated schema, in place. Fields the schema lacks are left alone (a test reports them). */
export function applySchemaOverrides(
  stream: string,
  schema: JsonSchema,
  overrides: readonly SchemaOverride[] = SCHEMA_OVERRIDES,
  version: ApiVersion = "2.11",
): void {
  for (const override of overrides) {
    if (!override.streams.includes(stream)) continue;
    if (override.except?.[version] !== undefined) continue;
    for (const path of override.paths) {
      const node = schemaNodeAt(schema, path);
      if (node === undefined || node.type === undefined) continue;
      node.type = widen(declaredTypes(node), override.add);
      // Said in the file itself, for readers of schemas/*.json and of the Singer/Airbyte schemas.
      const note = `Widened by intercom-sync: ${override.why}`;
      node.description = node.description ? `${node.description} ${note}` : note;
    }
  }
}

function widen(declared: JsonSchemaType[], add: JsonSchemaType[]): JsonSchemaType | JsonSchemaType[] {
  let types = [...declared];
  for (const type of add) if (!types.includes(type)) types.push(type);
  if (types.includes("number")) types = types.filter((t) => t !== "integer"); // number already allows integers
  // null last, as the converter writes nullable types.
  types = [...types.filter((t) => t !== "null"), ...types.filter((t) => t === "null")];
  return types.length === 1 ? types[0]! : types;
}
