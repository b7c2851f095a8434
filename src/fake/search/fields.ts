/**
 * The searchable fields of each search stream, with the type that decides which operators apply.
 * Multi-valued fields (e.g. contact_ids) match when any element matches.
 */
import type { Rec } from "../context.ts";
import { CUSTOM_ATTRIBUTE_TYPES } from "../records/data-attributes.ts";

export type SearchStream = "contacts" | "conversations" | "tickets";
export type FieldType = "string" | "integer" | "float" | "date" | "boolean";

export interface FieldSpec {
  type: FieldType;
  /** A scalar, null, or an array for multi-valued fields. */
  get(record: Rec): unknown;
  /** tag_id on contacts accepts only = and !=. */
  equalityOnly?: boolean;
}

function path(dotted: string): (record: Rec) => unknown {
  const keys = dotted.split(".");
  return (record) => {
    let value: unknown = record;
    for (const key of keys) {
      if (value === null || typeof value !== "object") return null;
      value = (value as Rec)[key];
    }
    return value ?? null;
  };
}

function listIds(listKey: string, itemsKey: string): (record: Rec) => unknown {
  return (record) => {
    const list = record[listKey] as Rec | undefined;
    const items = (list?.[itemsKey] ?? []) as Rec[];
    return items.map((item) => item.id);
  };
}

function table(entries: Record<string, FieldType | FieldSpec>): Map<string, FieldSpec> {
  return new Map(
    Object.entries(entries).map(([name, spec]) => [name, typeof spec === "string" ? { type: spec, get: path(name) } : spec]),
  );
}

const CONTACT_FIELDS = table({
  id: "string",
  role: "string",
  name: "string",
  email: "string",
  email_domain: "string",
  phone: "string",
  external_id: "string",
  owner_id: "integer",
  created_at: "date",
  signed_up_at: "date",
  updated_at: "date",
  last_seen_at: "date",
  last_contacted_at: "date",
  last_replied_at: "date",
  last_email_opened_at: "date",
  last_email_clicked_at: "date",
  language_override: "string",
  browser: "string",
  browser_language: "string",
  os: "string",
  "location.country": "string",
  "location.region": "string",
  "location.city": "string",
  unsubscribed_from_emails: "boolean",
  marked_email_as_spam: "boolean",
  has_hard_bounced: "boolean",
  ios_last_seen_at: "date",
  android_last_seen_at: "date",
  tag_id: { type: "string", get: listIds("tags", "data"), equalityOnly: true },
  ...Object.fromEntries(
    Object.entries(CUSTOM_ATTRIBUTE_TYPES.contact).map(([name, type]) => [`custom_attributes.${name}`, type]),
  ),
});

const CONVERSATION_FIELDS = table({
  id: "string",
  created_at: "date",
  updated_at: "date",
  "source.type": "string",
  "source.id": "string",
  "source.delivered_as": "string",
  "source.subject": "string",
  "source.body": "string",
  "source.author.id": "string",
  "source.author.type": "string",
  "source.author.name": "string",
  "source.author.email": "string",
  contact_ids: { type: "string", get: listIds("contacts", "contacts") },
  teammate_ids: { type: "string", get: listIds("teammates", "teammates") },
  admin_assignee_id: "integer",
  team_assignee_id: "integer",
  open: "boolean",
  read: "boolean",
  state: "string",
  waiting_since: "date",
  snoozed_until: "date",
  tag_ids: { type: "string", get: listIds("tags", "tags") },
  priority: "string",
  "statistics.count_conversation_parts": "integer",
  "statistics.count_reopens": "integer",
  "statistics.last_close_at": "date",
  ai_agent_participated: "boolean",
});

const TICKET_FIELDS = table({
  id: "string",
  created_at: "date",
  updated_at: "date",
  category: "string",
  ticket_type_id: { type: "string", get: path("ticket_type.id") },
  contact_ids: { type: "string", get: listIds("contacts", "contacts") },
  admin_assignee_id: "string",
  team_assignee_id: "string",
  open: "boolean",
  state: { type: "string", get: path("ticket_state") },
  snoozed_until: "date",
});

const FIELDS: Record<SearchStream, Map<string, FieldSpec>> = {
  contacts: CONTACT_FIELDS,
  conversations: CONVERSATION_FIELDS,
  tickets: TICKET_FIELDS,
};

export function fieldSpec(stream: SearchStream, field: string): FieldSpec | undefined {
  return FIELDS[stream].get(field);
}
