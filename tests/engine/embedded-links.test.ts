/**
 * Link streams (contact_tags, contact_companies, conversation_tags) come from lists embedded in their parent
 * records, with a request only for a list the parent shows truncated (`has_more`); ticket_parts come from
 * GET /tickets/{id}. All of them ride their parent's pass, so they follow it incrementally.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

type Row = Record<string, unknown>;
const DAY = 86_400;
const SIZES = { contacts: 120, companies: 30, tags: 15, conversations: 40, tickets: 15, activityLogs: 5 };
const LINKS = ["contact_tags", "contact_companies", "conversation_tags", "ticket_parts"] as const;
const PARENT_KEY = {
  contact_tags: "contact_id",
  contact_companies: "contact_id",
  conversation_tags: "conversation_id",
  ticket_parts: "ticket_id",
} as const;

const keyOf = (stream: (typeof LINKS)[number], row: Row) => `${String(row[PARENT_KEY[stream]])}/${String(row.id)}`;
const byKey = (stream: (typeof LINKS)[number], rows: Iterable<Row>) => [...rows].sort((a, b) => keyOf(stream, a).localeCompare(keyOf(stream, b)));

/** Contacts whose embedded `list` says has_more, with the size of the whole list. */
function truncated(fake: RunningFake, list: "tags" | "companies"): Map<string, number> {
  const found = new Map<string, number>();
  for (const contact of fake.workspace.records("contacts")) {
    const embedded = contact[list] as { has_more: boolean; total_count: number; data: unknown[] };
    if (embedded.has_more) found.set(String(contact.id), embedded.total_count);
  }
  return found;
}

describe("link streams embedded in their parents", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    // 5 companies a page (Intercom's default is 50): a contact's whole list then takes several pages.
    fake = await startFake({ sizes: SIZES, contactCompaniesPerPage: 5 });
  });
  afterAll(async () => {
    await fake.close();
  });

  test("a full export equals the fake's rows, whole lists included, with no duplicates and the parent ids carried", async () => {
    const truncatedTags = truncated(fake, "tags");
    const truncatedCompanies = truncated(fake, "companies");
    // The fake must truncate some lists, or this test proves nothing about has_more.
    expect(truncatedTags.size).toBeGreaterThan(0);
    expect(truncatedCompanies.size).toBeGreaterThan(0);
    const before = { ...fake.stats.byRoute };

    const { result, sink } = await syncWith(fake, ["contacts", "conversations", "tickets", ...LINKS], { perPage: 25 });
    expect(result.outcome).toBe("ok");
    for (const stream of LINKS) {
      const exported = sink.all(stream);
      expect(exported.length, stream).toBeGreaterThan(0);
      expect(new Set(exported.map((row) => keyOf(stream, row))).size, `${stream}: duplicates`).toBe(exported.length);
      expect(byKey(stream, exported), stream).toEqual(byKey(stream, fake.workspace.records(stream)));
      expect(result.streams.find((s) => s.name === stream)!.pages, stream).toBeGreaterThan(1);
    }
    // A truncated contact's rows are its whole list, past the 10 it shows.
    const [contact, total] = [...truncatedTags][0]!;
    expect(sink.all("contact_tags").filter((row) => row.contact_id === contact).length).toBe(total);
    expect(total).toBeGreaterThan(10);

    // Extra requests only for the truncated lists: one per contact for tags, one per page (5 a page) for companies.
    const made = (route: string) => (fake.stats.byRoute[route] ?? 0) - (before[route] ?? 0);
    expect(made("GET /contacts/{id}/tags")).toBe(truncatedTags.size);
    const companyPages = [...truncatedCompanies.values()].reduce((sum, n) => sum + Math.ceil(n / 5), 0);
    expect(companyPages).toBeGreaterThan(truncatedCompanies.size);
    expect(made("GET /contacts/{id}/companies")).toBe(companyPages);
    expect(made("GET /tickets/{id}")).toBe(SIZES.tickets);
    // conversation_tags makes no request of its own: only conversation_parts would fetch conversations.
    expect(made("GET /conversations/{id}")).toBe(0);
  });

  test("an incremental run re-reads the links of changed contacts, conversations and tickets only", async () => {
    const store = memoryStateStore();
    const streams = ["contacts", "conversations", "tickets", ...LINKS] as const;
    expect((await syncWith(fake, streams, { store })).result.outcome).toBe("ok");

    fake.workspace.now += 2 * DAY;
    const truncatedContact = [...truncated(fake, "companies").keys()][0]!;
    const contacts = [...fake.workspace.records("contacts")];
    const plainContact = String(
      contacts.find((c) => !(c.companies as { has_more: boolean }).has_more && (c.tags as { data: unknown[] }).data.length > 0)!.id,
    );
    const taggedConversation = String([...fake.workspace.records("conversation_tags")][0]!.conversation_id);
    const ticket = String([...fake.workspace.records("tickets")][3]!.id);
    fake.workspace.updateContact(truncatedContact);
    fake.workspace.updateContact(plainContact);
    fake.workspace.addConversationPart(taggedConversation);
    fake.workspace.updateTicket(ticket);
    const before = { ...fake.stats.byRoute };

    const { result, sink } = await syncWith(fake, streams, { store });
    expect(result.outcome).toBe("ok");
    const changed = {
      contact_tags: [truncatedContact, plainContact],
      contact_companies: [truncatedContact, plainContact],
      conversation_tags: [taggedConversation],
      ticket_parts: [ticket],
    };
    for (const stream of LINKS) {
      const parents = new Set(changed[stream]);
      const expected = [...fake.workspace.records(stream)].filter((row) => parents.has(String(row[PARENT_KEY[stream]])));
      expect(expected.length, stream).toBeGreaterThan(0);
      expect(byKey(stream, sink.all(stream)), stream).toEqual(byKey(stream, expected));
    }
    // The rows carry the parent's new updated_at, the cursor destinations order them by.
    expect(new Set(sink.all("contact_companies").map((row) => row.contact_updated_at))).toEqual(new Set([fake.workspace.now]));
    const made = (route: string) => (fake.stats.byRoute[route] ?? 0) - (before[route] ?? 0);
    const truncatedTagsOfChanged = [truncatedContact, plainContact].filter((id) => truncated(fake, "tags").has(id)).length;
    expect(made("GET /contacts/{id}/tags")).toBe(truncatedTagsOfChanged);
    expect(made("GET /contacts/{id}/companies")).toBe(Math.ceil(truncated(fake, "companies").get(truncatedContact)! / 5));
    expect(made("GET /tickets/{id}")).toBe(1);
  });
});
