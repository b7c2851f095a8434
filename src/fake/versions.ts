/**
 * The fake's answers in the shape of the Intercom-Version a request sends. Records are generated once, in the
 * 2.11 shape; this rewrites a 200 body for a later version, object by object (by each object's `type`).
 * Only the differences the exporter's users meet are modelled, each checked against that version's description:
 * - 2.14 (from 2.12 on): a ticket's `ticket_state` is an object `{type, id, category, internal_label,
 *   external_label}` and the two label fields are gone; an admin's `avatar` is the image URL itself.
 * - 2.16: a contact's `owner_id` is a string and `formatted_phone` is gone; a conversation's unassigned
 *   `admin_assignee_id`/`team_assignee_id` are 0, not null, and `priority` is none|low|medium|high|urgent
 *   (was priority|not_priority); a ticket's assignee ids are integers (0 when unassigned); GET /contacts/{id} of a
 *   merged contact answers 410 (routes/contacts.ts).
 * - 2.14: an article has `tags`; a ticket type lists its `ticket_states`. 2.16: an article has no `parent_id`
 *   or `parent_type` (only `parent_ids`); a Help Center has `default` and `locales` (routes/content.ts);
 *   conversation attributes move to GET /conversations/attributes, and model=conversation answers 422 (routes/lists.ts).
 * - The lists of later versions (resources/ with a `since`) are generated in the 2.16 shape; on 2.14, internal
 *   articles and content import sources lack the fields 2.16 added (ADDED_IN_2_16).
 * A version between two modelled ones answers like the older (2.13 like 2.11); no or an unknown header like 2.11.
 */
import { API_VERSIONS, type ApiVersion } from "../api-versions.ts";
import { hash, KIND } from "./hash.ts";
import { TICKET_STATE_LABELS, TICKET_STATES } from "./records/tickets.ts";

type Rec = Record<string, unknown>;

/** The modelled version a request's Intercom-Version header gets answers from. */
export function answeringVersion(header: string | null): ApiVersion {
  const wanted = versionNumber(header ?? "");
  let answering: ApiVersion = API_VERSIONS[0];
  for (const version of API_VERSIONS) if (wanted !== undefined && versionNumber(version)! <= wanted) answering = version;
  return answering;
}

function versionNumber(text: string): number | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  return match ? Number(match[1]) * 1000 + Number(match[2]) : undefined;
}

const atLeast = (version: ApiVersion, than: ApiVersion) => versionNumber(version)! >= versionNumber(than)!;

/** Whether a request answered as `version` may use a route that exists from `since` on. */
export function servedIn(version: ApiVersion, since: ApiVersion): boolean {
  return atLeast(version, since);
}

/** `body` (a 2.11 answer) as `version` sends it; the input is not changed. */
export function inVersion(body: unknown, version: ApiVersion): unknown {
  if (version === "2.11") return body;
  return rewrite(structuredClone(body), version);
}

function rewrite(value: unknown, version: ApiVersion): unknown {
  if (Array.isArray(value)) {
    for (const item of value) rewrite(item, version);
  } else if (typeof value === "object" && value !== null) {
    const record = value as Rec;
    for (const child of Object.values(record)) rewrite(child, version);
    RECORD_REWRITES[record.type as string]?.(record, version);
  }
  return value;
}

/** Fields 2.16 added to records of lists that exist from 2.14 (the fake generates them in the 2.16 shape). */
const ADDED_IN_2_16: Record<string, string[]> = {
  internal_article: ["body_markdown", "audience_ids", "ai_chatbot_availability", "ai_copilot_availability", "ai_sales_agent_availability"],
  content_import_source: ["audience_ids"],
};

const RECORD_REWRITES: Record<string, (record: Rec, version: ApiVersion) => void> = {
  internal_article(record, version) {
    if (!atLeast(version, "2.16")) { for (const field of ADDED_IN_2_16.internal_article!) delete record[field]; }
  },
  content_import_source(record, version) {
    if (!atLeast(version, "2.16")) { for (const field of ADDED_IN_2_16.content_import_source!) delete record[field]; }
  },
  admin(record) {
    // 2.14 and 2.16 both declare `avatar` a nullable URI string.
    const avatar = record.avatar as Rec | null | undefined;
    if (typeof avatar === "object" && avatar !== null) record.avatar = avatar.image_url ?? null;
  },
  ticket(record, version) {
    if (typeof record.ticket_state === "string") {
      const category = record.ticket_state;
      record.ticket_state = {
        type: "ticket_state",
        id: String(TICKET_STATES.indexOf(category as (typeof TICKET_STATES)[number]) + 1),
        category,
        internal_label: record.ticket_state_internal_label,
        external_label: record.ticket_state_external_label,
      };
      delete record.ticket_state_internal_label;
      delete record.ticket_state_external_label;
    }
    if (atLeast(version, "2.16")) {
      for (const key of ["admin_assignee_id", "team_assignee_id"]) if (key in record) record[key] = Number(record[key] ?? 0);
    }
  },
  article(record, version) {
    record.tags = { type: "tag.list", tags: [] };
    if (!atLeast(version, "2.16")) return;
    delete record.parent_id;
    delete record.parent_type;
  },
  ticket_type(record) {
    record.ticket_states = {
      type: "list",
      data: TICKET_STATES.map((category, k) => ({
        type: "ticket_state",
        id: String(k + 1),
        category,
        internal_label: TICKET_STATE_LABELS[category][0],
        external_label: TICKET_STATE_LABELS[category][1],
      })),
    };
  },
  contact(record, version) {
    if (!atLeast(version, "2.16")) return;
    if ("owner_id" in record) record.owner_id = record.owner_id === null ? null : String(record.owner_id);
    delete record.formatted_phone;
  },
  conversation(record, version) {
    if (!atLeast(version, "2.16")) return;
    for (const key of ["admin_assignee_id", "team_assignee_id"]) if (key in record && record[key] === null) record[key] = 0;
    if (typeof record.priority === "string") record.priority = priority216(record.priority, String(record.id));
  },
};

/** 2.11's two values spread over 2.16's five, the same for a conversation on every request. */
function priority216(priority: string, id: string): string {
  const spread = hash(0, KIND.conversation, Number(id) || id.length, 216);
  if (priority === "priority") return spread % 2 === 0 ? "high" : "urgent";
  return ["none", "none", "low", "medium"][spread % 4]!;
}
