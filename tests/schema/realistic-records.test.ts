/**
 * Records shaped like what a normal workspace sends (a new lead, an unanswered conversation, an unassigned
 * ticket, a PDF attachment...) pass the stream schemas with no mismatch warning, while a real type error
 * (a string where an object or a timestamp belongs) still raises one.
 */
import { describe, expect, test } from "bun:test";
import { generateStreamSchema, STREAM_SOURCES } from "../../scripts/gen-schemas.ts";
import { STREAM_SCHEMAS } from "../../src/schema/catalog-schemas.ts";
import { createRecordValidator } from "../../src/schema/validate.ts";
import { spec } from "./openapi-responses.ts";

const T = 1_719_492_825;
const ADMIN_ID = 5_017_691;

const pdf = {
  type: "upload",
  name: "invoice.pdf",
  url: "https://example.test/invoice.pdf",
  content_type: "application/pdf",
  filesize: 48_213,
  width: null,
  height: null,
};
const png = {
  type: "upload",
  name: "screen.png",
  url: "https://example.test/screen.png",
  content_type: "image/png",
  filesize: 9_120,
  width: 640,
  height: 480,
};

/** Nothing has happened yet but the contact's first message: every statistic that needs an admin is null. */
const unansweredStatistics = {
  type: "conversation_statistics",
  time_to_assignment: null,
  time_to_admin_reply: null,
  time_to_first_close: null,
  time_to_last_close: null,
  median_time_to_reply: null,
  first_contact_reply_at: T,
  first_assignment_at: null,
  first_admin_reply_at: null,
  first_close_at: null,
  last_assignment_at: null,
  last_assignment_admin_reply_at: null,
  last_contact_reply_at: T,
  last_admin_reply_at: null,
  last_close_at: null,
  last_closed_by_id: null,
  count_reopens: 0,
  count_assignments: 0,
  count_conversation_parts: 1,
};

const botPart = {
  type: "conversation_part",
  id: "25001",
  part_type: "comment",
  body: "<p>Thanks, a teammate will reply soon.</p>",
  created_at: T + 5,
  updated_at: T + 5,
  notified_at: T + 5,
  assigned_to: null,
  author: { type: "bot", id: "8001", name: "Operator", email: null },
  attachments: [pdf, png],
  external_id: null,
  redacted: false,
};

const unansweredConversation = {
  type: "conversation",
  id: "1911149811",
  title: null,
  created_at: T,
  updated_at: T + 5,
  waiting_since: T,
  snoozed_until: null,
  open: true,
  state: "open",
  read: false,
  priority: "not_priority",
  admin_assignee_id: null,
  team_assignee_id: null,
  tags: { type: "tag.list", tags: [] },
  conversation_rating: null,
  source: {
    type: "conversation",
    id: "403918330",
    delivered_as: "customer_initiated",
    subject: "",
    body: "<p>My invoice is wrong</p>",
    author: { type: "lead", id: "667d60d8a8f1c5b3a1e2d001", name: null, email: null },
    attachments: [pdf],
    url: null,
    redacted: false,
  },
  contacts: { type: "contact.list", contacts: [{ type: "contact", id: "667d60d8a8f1c5b3a1e2d001", external_id: null }] },
  teammates: { type: "admin.list", teammates: [] },
  custom_attributes: {},
  first_contact_reply: { created_at: T, type: "conversation", url: null },
  sla_applied: null,
  statistics: unansweredStatistics,
  conversation_parts: { type: "conversation_part.list", conversation_parts: [botPart], total_count: 1 },
  linked_objects: { type: "list", total_count: 0, has_more: false, data: [] },
  ai_agent_participated: false,
  ai_agent: null,
};

/** Closed once by an admin, rated without a remark; Intercom sends the closing admin's id as a number. */
const closedConversation = {
  ...unansweredConversation,
  id: "1911149812",
  open: false,
  state: "closed",
  read: true,
  waiting_since: null,
  admin_assignee_id: ADMIN_ID,
  conversation_rating: {
    rating: 5,
    remark: null,
    created_at: T + 900,
    contact: { type: "contact", id: "667d60d8a8f1c5b3a1e2d001", external_id: null },
    teammate: { type: "admin", id: ADMIN_ID },
  },
  statistics: {
    ...unansweredStatistics,
    time_to_assignment: 0,
    time_to_admin_reply: 120,
    time_to_first_close: 600,
    time_to_last_close: 600,
    median_time_to_reply: 120,
    first_assignment_at: T + 60,
    first_admin_reply_at: T + 120,
    first_close_at: T + 600,
    last_assignment_at: T + 60,
    last_assignment_admin_reply_at: T + 120,
    last_admin_reply_at: T + 120,
    last_close_at: T + 600,
    last_closed_by_id: ADMIN_ID,
    count_assignments: 1,
    count_conversation_parts: 4,
  },
};

/** A lead from an anonymous Messenger visit: no email, no phone, no activity timestamps, no location. */
const lead = {
  type: "contact",
  id: "667d60d8a8f1c5b3a1e2d001",
  workspace_id: "ecahpwf5",
  external_id: null,
  role: "lead",
  email: null,
  email_domain: null,
  phone: null,
  formatted_phone: null,
  name: null,
  owner_id: null,
  has_hard_bounced: false,
  marked_email_as_spam: false,
  unsubscribed_from_emails: false,
  created_at: T,
  updated_at: T,
  signed_up_at: null,
  last_seen_at: null,
  last_replied_at: null,
  last_contacted_at: null,
  last_email_opened_at: null,
  last_email_clicked_at: null,
  language_override: null,
  browser: null,
  browser_version: null,
  browser_language: null,
  os: null,
  android_app_name: null,
  android_app_version: null,
  android_device: null,
  android_os_version: null,
  android_sdk_version: null,
  android_last_seen_at: null,
  ios_app_name: null,
  ios_app_version: null,
  ios_device: null,
  ios_os_version: null,
  ios_sdk_version: null,
  ios_last_seen_at: null,
  custom_attributes: {},
  avatar: { type: "avatar", image_url: null },
  tags: { type: "list", data: [], url: "/contacts/667d60d8a8f1c5b3a1e2d001/tags", total_count: 0, has_more: false },
  notes: { type: "list", data: [], url: "/contacts/667d60d8a8f1c5b3a1e2d001/notes", total_count: 0, has_more: false },
  companies: { type: "list", data: [], url: "/contacts/667d60d8a8f1c5b3a1e2d001/companies", total_count: 0, has_more: false },
  location: { type: null, country: null, region: null, city: null },
  social_profiles: { type: "list", data: [] },
};

/** Created through the API with only an id and a name. */
const company = {
  type: "company",
  id: "6762f0dd1bb69f9f2193bb83",
  company_id: "acme-1",
  app_id: "ecahpwf5",
  name: "Acme",
  remote_created_at: null,
  created_at: T,
  updated_at: T,
  last_request_at: null,
  size: null,
  website: null,
  industry: null,
  monthly_spend: 0,
  session_count: 0,
  user_count: 0,
  custom_attributes: {},
  tags: { type: "tag.list", tags: [] },
  segments: { type: "segment.list", segments: [] },
  plan: {},
};

/** Just submitted, nobody assigned, never snoozed; the creating part has no previous state. */
const ticket = {
  type: "ticket",
  id: "502",
  ticket_id: "12",
  category: "Customer",
  ticket_attributes: { _default_title_: "Refund", _default_description_: null },
  ticket_state: "submitted",
  ticket_type: {
    type: "ticket_type",
    id: "3",
    category: "Customer",
    name: "Refund",
    description: "",
    icon: "💰",
    workspace_id: "ecahpwf5",
    archived: false,
    created_at: T,
    updated_at: T,
  },
  contacts: { type: "contact.list", contacts: [{ type: "contact", id: "667d60d8a8f1c5b3a1e2d001", external_id: null }] },
  admin_assignee_id: null,
  team_assignee_id: null,
  created_at: T,
  updated_at: T,
  open: true,
  snoozed_until: null,
  linked_objects: { type: "list", total_count: 0, has_more: false, data: [] },
  ticket_parts: {
    type: "ticket_part.list",
    ticket_parts: [{
      ...botPart,
      type: "ticket_part",
      part_type: "ticket_state_updated_by_admin",
      body: null,
      previous_ticket_state: null,
      ticket_state: "submitted",
      attachments: [],
    }],
    total_count: 1,
  },
  is_shared: true,
  ticket_state_internal_label: "Submitted",
  ticket_state_external_label: "Submitted",
};

const REALISTIC: [string, Record<string, unknown>][] = [
  ["conversations", unansweredConversation],
  ["conversations", closedConversation],
  ["conversation_parts", { ...botPart, conversation_id: unansweredConversation.id }],
  ["contacts", lead],
  ["companies", company],
  ["tickets", ticket],
  ["tickets", { ...ticket, id: "503", admin_assignee_id: ADMIN_ID, team_assignee_id: "6385315" }],
  ["admins", {
    type: "admin",
    id: String(ADMIN_ID),
    name: "Ann",
    email: "ann@example.test",
    job_title: null,
    away_mode_enabled: false,
    away_mode_reassign: false,
    has_inbox_seat: true,
    team_ids: [],
    avatar: { image_url: null },
  }],
  ["activity_logs", {
    id: "9001",
    performed_by: { type: "admin", id: String(ADMIN_ID), email: "ann@example.test", ip: null },
    metadata: {},
    created_at: T,
    activity_type: "app_name_change",
    activity_description: "Ann changed the workspace name.",
  }],
];

describe("what a normal workspace sends raises no mismatch warning", () => {
  test.each(REALISTIC.map(([stream, record]) => [`${stream} ${record.id}`, stream, record] as const))("%s", (_name, stream, record) => {
    expect(createRecordValidator(STREAM_SCHEMAS[stream]!)(record)).toEqual([]);
  });
});

test("without the overrides, the description alone would flag every null statistic of an unanswered conversation", async () => {
  const source = STREAM_SOURCES.find((s) => s.stream === "conversations")!;
  const asDescribed = createRecordValidator(generateStreamSchema(await spec(), source, []));
  const flagged = asDescribed(unansweredConversation).map((m) => m.field);
  const nullStatistics = Object.entries(unansweredStatistics).filter(([, v]) => v === null).map(([k]) => `statistics.${k}`);
  expect(flagged).toEqual(expect.arrayContaining(nullStatistics));
  expect(flagged).toContain("source.author.email");
});

describe("a real type error still raises one", () => {
  const conversations = createRecordValidator(STREAM_SCHEMAS.conversations!);

  test("a string where the statistics object belongs", () => {
    expect(conversations({ ...unansweredConversation, statistics: "n/a" })).toEqual([
      { field: "statistics", expected: "object | null", received: "string" },
    ]);
  });

  test("a date string where a statistics timestamp belongs, and a string count", () => {
    const statistics = { ...unansweredStatistics, first_close_at: "2024-06-27T12:00:00Z", count_reopens: "0" };
    expect(conversations({ ...unansweredConversation, statistics })).toEqual([
      { field: "statistics.first_close_at", expected: "integer | null", received: "string" },
      { field: "statistics.count_reopens", expected: "integer", received: "string" },
    ]);
  });

  test("an object where an id belongs, and a string where the source object belongs", () => {
    expect(createRecordValidator(STREAM_SCHEMAS.tickets!)({ ...ticket, admin_assignee_id: { id: ADMIN_ID } })).toEqual([
      { field: "admin_assignee_id", expected: "string | integer | null", received: "object" },
    ]);
    expect(conversations({ ...unansweredConversation, source: "email" })).toEqual([
      { field: "source", expected: "object | null", received: "string" },
    ]);
  });

  test("null where the description's non-null stays right: a conversation's created_at", () => {
    expect(conversations({ ...unansweredConversation, created_at: null })).toEqual([
      { field: "created_at", expected: "integer", received: "null" },
    ]);
  });
});
