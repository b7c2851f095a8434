import { describe, expect, test } from "bun:test";
import { createFakeIntercom, type FakeStreamName } from "../../src/fake/mod.ts";
import { type Body, get, ids } from "./helpers.ts";

const STREAMS: FakeStreamName[] = [
  "activity_logs",
  "admins",
  "companies",
  "company_segments",
  "company_attributes",
  "contact_attributes",
  "contacts",
  "conversations",
  "conversation_parts",
  "segments",
  "tags",
  "teams",
  "tickets",
];

const sizes = { contacts: 120, companies: 25, conversations: 40, tickets: 30, activityLogs: 60 };

describe("the generated workspace", () => {
  test("the same seed gives the same workspace; another seed a different one", () => {
    const a = createFakeIntercom({ seed: 5, sizes });
    const b = createFakeIntercom({ seed: 5, sizes });
    const c = createFakeIntercom({ seed: 6, sizes });
    for (const stream of STREAMS) expect([...a.workspace.records(stream)]).toEqual([...b.workspace.records(stream)]);
    expect([...a.workspace.records("contacts")]).not.toEqual([...c.workspace.records("contacts")]);
  });

  test("ids are unique strings and timestamps are integer seconds before the workspace clock", () => {
    const fake = createFakeIntercom({ sizes });
    for (const stream of STREAMS) {
      const records = [...fake.workspace.records(stream)];
      expect(records.length).toBeGreaterThan(0);
      if (!stream.endsWith("_attributes")) {
        const keys = records.map((r) => (stream === "company_segments" ? `${r.company_id}/${r.id}` : r.id));
        expect(new Set(keys).size).toBe(records.length);
        for (const r of records) expect(typeof r.id).toBe("string");
      }
      for (const r of records) {
        for (const field of ["created_at", "updated_at"]) {
          if (r[field] === undefined) continue;
          expect(Number.isInteger(r[field])).toBe(true);
          expect(r[field] as number).toBeLessThanOrEqual(fake.workspace.now);
        }
        if (r.updated_at !== undefined && r.created_at !== undefined) expect(r.updated_at as number).toBeGreaterThanOrEqual(r.created_at as number);
      }
    }
  });

  test("references point at records that exist", () => {
    const fake = createFakeIntercom({ sizes });
    const set = (stream: FakeStreamName) => new Set(ids(fake.workspace.records(stream)));
    const [admins, teams, companies, contacts, tags] = [set("admins"), set("teams"), set("companies"), set("contacts"), set("tags")];
    for (const c of fake.workspace.records("contacts") as Iterable<Body>) {
      if (c.owner_id !== null) expect(admins.has(String(c.owner_id))).toBe(true);
      for (const ref of c.companies.data) expect(companies.has(ref.id)).toBe(true);
      for (const ref of c.tags.data) expect(tags.has(ref.id)).toBe(true);
    }
    for (const v of fake.workspace.records("conversations") as Iterable<Body>) {
      for (const ref of v.contacts.contacts) expect(contacts.has(ref.id)).toBe(true);
      if (v.admin_assignee_id !== null) expect(admins.has(String(v.admin_assignee_id))).toBe(true);
      if (v.team_assignee_id !== null) expect(teams.has(String(v.team_assignee_id))).toBe(true);
    }
    for (const t of fake.workspace.records("tickets") as Iterable<Body>) {
      for (const ref of t.contacts.contacts) expect(contacts.has(ref.id)).toBe(true);
      if (t.admin_assignee_id !== "0") expect(admins.has(t.admin_assignee_id)).toBe(true);
      if (t.team_assignee_id !== "0") expect(teams.has(t.team_assignee_id)).toBe(true);
    }
    for (const a of fake.workspace.records("admins") as Iterable<Body>) {
      for (const t of a.team_ids) expect(teams.has(String(t))).toBe(true);
    }
    for (const t of fake.workspace.records("teams") as Iterable<Body>) {
      for (const a of t.admin_ids) expect(admins.has(String(a))).toBe(true);
    }
  });

  test("many records share the same second and the same day", () => {
    const fake = createFakeIntercom({ sizes });
    const times = [...fake.workspace.records("contacts")].map((c) => c.updated_at as number);
    expect(new Set(times).size).toBeLessThan(times.length * 0.6);
    expect(new Set(times.map((t) => Math.floor(t / 86_400))).size).toBeLessThan(times.length / 3);
  });

  test("data attributes: name repeats within and across models, full_name is unique per model", async () => {
    const fake = createFakeIntercom();
    const contact = (await get(fake, "/data_attributes?model=contact")).body.data as Body[];
    const company = (await get(fake, "/data_attributes?model=company")).body.data as Body[];
    for (const list of [contact, company]) {
      expect(new Set(list.map((a) => a.full_name)).size).toBe(list.length);
      expect(new Set(list.map((a) => a.name)).size).toBeLessThan(list.length);
    }
    expect(contact.filter((a) => a.name === "city").map((a) => a.full_name).sort()).toEqual(["custom_attributes.city", "location.city"]);
    expect(contact).toEqual([...fake.workspace.records("contact_attributes")]);
    const archived = (await get(fake, "/data_attributes?model=contact&include_archived=true")).body.data as Body[];
    expect(archived.length).toBe(contact.length + 1);
  });

  test("mutations stamp updated_at = now and unknown ids throw", () => {
    const fake = createFakeIntercom({ sizes });
    fake.workspace.now += 1000;
    const [contact] = ids(fake.workspace.records("contacts"));
    const [ticket] = ids(fake.workspace.records("tickets"));
    fake.workspace.updateContact(contact!);
    fake.workspace.updateTicket(ticket!);
    const created = fake.workspace.createContact();
    const find = (stream: FakeStreamName, id: string) => [...fake.workspace.records(stream)].find((r) => r.id === id)!;
    expect(find("contacts", contact!).updated_at).toBe(fake.workspace.now);
    expect(find("tickets", ticket!).updated_at).toBe(fake.workspace.now);
    expect(find("contacts", created).created_at).toBe(fake.workspace.now);
    expect(() => fake.workspace.updateContact("nope")).toThrow();
    expect(() => fake.workspace.partCount("nope")).toThrow();
  });
});
