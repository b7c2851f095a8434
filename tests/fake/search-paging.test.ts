import { describe, expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { ids, post, searchAll, type SearchPath } from "./helpers.ts";

const STREAMS: [SearchPath, "contacts" | "conversations" | "tickets"][] = [
  ["/contacts/search", "contacts"],
  ["/conversations/search", "conversations"],
  ["/tickets/search", "tickets"],
];

const small = { contacts: 230, conversations: 70, tickets: 45 };
const everything = { field: "updated_at", operator: ">", value: 0 };

describe("search paging", () => {
  for (const [path, stream] of STREAMS) {
    for (const order of ["ascending", "descending"] as const) {
      test(`${stream}: paging ${order} reaches every record exactly once, in a total order`, async () => {
        const fake = createFakeIntercom({ seed: 3, sizes: small });
        const found = await searchAll(fake, path, { query: everything, sort: { field: "updated_at", order }, pagination: { per_page: 17 } });
        const expected = ids(fake.workspace.records(stream)).sort();
        expect(ids(found).sort()).toEqual(expected);
        const keys = found.map((r) => [r.updated_at as number, String(r.id)] as const);
        for (let k = 1; k < keys.length; k++) {
          const [a, b] = [keys[k - 1]!, keys[k]!];
          const cmp = a[0] - b[0] || (a[1] < b[1] ? -1 : 1);
          expect(order === "ascending" ? cmp < 0 : cmp > 0).toBe(true);
        }
      });
    }
  }

  test("total_count and pages describe the whole result", async () => {
    const fake = createFakeIntercom({ sizes: small });
    const { body } = await post(fake, "/contacts/search", { query: everything, pagination: { per_page: 50 } });
    expect(body.type).toBe("list");
    expect(body.total_count).toBe(230);
    expect(body.pages).toMatchObject({ type: "pages", page: 1, per_page: 50, total_pages: 5 });
    expect(typeof body.pages.next.starting_after).toBe("string");
  });

  test("a record updated between pages leaves its old position and appears once more at its new one, ascending", async () => {
    const fake = createFakeIntercom({ sizes: small });
    const first = [...fake.workspace.records("contacts")][0]!;
    fake.workspace.now += 3600;
    const found = await searchAll(
      fake,
      "/contacts/search",
      { query: everything, sort: { field: "updated_at", order: "ascending" }, pagination: { per_page: 40 } },
      (page) => {
        if (page === 2) fake.workspace.updateContact(String(first.id));
      },
    );
    // Seen on page 1 at its old time, and again at the end with its new time; nothing else repeats or goes missing.
    expect(ids(found).filter((id) => id === first.id)).toHaveLength(2);
    expect(found.at(-1)!.id).toBe(first.id);
    expect(found.at(-1)!.updated_at).toBe(fake.workspace.now);
    expect(new Set(ids(found))).toEqual(new Set(ids(fake.workspace.records("contacts"))));
  });

  test("created contacts and conversation parts added between pages are found", async () => {
    const fake = createFakeIntercom({ sizes: small });
    fake.workspace.now += 10;
    let created = "";
    const found = await searchAll(
      fake,
      "/conversations/search",
      { query: everything, sort: { field: "updated_at", order: "ascending" }, pagination: { per_page: 30 } },
      () => {
        if (!created) {
          created = "done";
          fake.workspace.addConversationPart("100000000");
        }
      },
    );
    expect(found.at(-1)!.id).toBe("100000000");
    const contactId = fake.workspace.createContact();
    const contacts = await searchAll(fake, "/contacts/search", { query: everything, pagination: { per_page: 150 } });
    expect(ids(contacts)).toContain(contactId);
    expect(contacts).toHaveLength(231);
  });

  test("sorting by another field falls back to a scan and still pages completely", async () => {
    const fake = createFakeIntercom({ sizes: small });
    const found = await searchAll(fake, "/contacts/search", {
      query: { field: "role", operator: "=", value: "user" },
      sort: { field: "email", order: "ascending" },
      pagination: { per_page: 25 },
    });
    const users = [...fake.workspace.records("contacts")].filter((c) => c.role === "user");
    expect(ids(found).sort()).toEqual(ids(users).sort());
    const emails = found.map((c) => String(c.email));
    expect(emails).toEqual([...emails].sort());
  });

  test("GET /contacts and GET /conversations page with starting_after to the end", async () => {
    const fake = createFakeIntercom({ sizes: small });
    for (
      const [path, key, stream] of [
        ["/contacts", "data", "contacts"],
        ["/conversations", "conversations", "conversations"],
      ] as const
    ) {
      const seen: string[] = [];
      let after: string | undefined;
      do {
        const query = `?per_page=60${after ? `&starting_after=${encodeURIComponent(after)}` : ""}`;
        const answer = await fake.handler(new Request(`http://127.0.0.1:9${path}${query}`, { headers: { Authorization: "Bearer test-token" } }));
        const body = (await answer.json()) as Record<string, any>;
        seen.push(...body[key].map((r: { id: string }) => r.id));
        after = body.pages.next?.starting_after;
      } while (after);
      expect(seen.sort()).toEqual(ids(fake.workspace.records(stream)).sort());
    }
  });
});

describe("search validation", () => {
  const fake = createFakeIntercom({ sizes: small });
  const bad = async (body: unknown, path: SearchPath = "/contacts/search") => {
    const answer = await post(fake, path, body);
    expect(answer.status).toBe(400);
    expect(answer.body.type).toBe("error.list");
    return answer.body.errors[0];
  };

  test("per_page above 150 is rejected", async () => {
    await bad({ query: everything, pagination: { per_page: 151 } });
  });

  test("more than 15 filters in a group is rejected", async () => {
    const value = Array.from({ length: 16 }, () => ({ field: "role", operator: "=", value: "user" }));
    await bad({ query: { operator: "OR", value } });
  });

  test("three levels of nested groups are rejected, two are accepted", async () => {
    const leaf = { field: "role", operator: "=", value: "user" };
    const two = { operator: "AND", value: [{ operator: "OR", value: [leaf, leaf] }, leaf] };
    expect((await post(fake, "/contacts/search", { query: two })).status).toBe(200);
    await bad({ query: { operator: "AND", value: [{ operator: "OR", value: [{ operator: "AND", value: [leaf] }] }] } });
  });

  test("a bad sort order is invalid_sort_order", async () => {
    expect((await bad({ query: everything, sort: { field: "updated_at", order: "up" } })).code).toBe("invalid_sort_order");
  });

  test("string operators on dates and range operators on strings are rejected", async () => {
    await bad({ query: { field: "updated_at", operator: "~", value: "1" } });
    await bad({ query: { field: "email", operator: ">", value: "a" } });
    await bad({ query: { field: "tag_id", operator: "IN", value: ["1"] } });
    await bad({ query: { field: "no_such_field", operator: "=", value: "1" } });
  });

  test("a malformed cursor and a non-JSON body are 400", async () => {
    await bad({ query: everything, pagination: { per_page: 5, starting_after: "not-a-cursor" } });
    const answer = await post(fake, "/contacts/search", "{not json");
    expect(answer.status).toBe(400);
    expect(answer.body.errors[0].code).toBe("bad_request");
  });

  test("id IN, string contains and OR groups select the right records", async () => {
    const contacts = [...fake.workspace.records("contacts")];
    const wanted = [contacts[3]!, contacts[100]!].map((c) => String(c.id));
    const found = await searchAll(fake, "/contacts/search", { query: { field: "id", operator: "IN", value: wanted } });
    expect(ids(found).sort()).toEqual(wanted.sort());
    const or = await searchAll(fake, "/contacts/search", {
      query: { operator: "OR", value: [{ field: "id", operator: "=", value: wanted[0] }, { field: "email", operator: "$", value: "example.org" }] },
      pagination: { per_page: 150 },
    });
    const expected = contacts.filter((c) => c.id === wanted[0] || String(c.email).endsWith("example.org"));
    expect(ids(or).sort()).toEqual(ids(expected).sort());
  });
});
