/** The fake answers in the shape of the Intercom-Version a request sends (src/fake/versions.ts). */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { answeringVersion, inVersion } from "../../src/fake/versions.ts";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ seed: 3, sizes: { contacts: 30, conversations: 20, tickets: 10 } });
});
afterAll(() => fake.close());

async function get(path: string, version: string): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await fetch(`${fake.url}${path}`, { headers: { Authorization: "Bearer test-token", "Intercom-Version": version } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe("answeringVersion", () => {
  test("a modelled version answers as itself; one in between as the older; none or garbage as 2.11", () => {
    expect(answeringVersion("2.16")).toBe("2.16");
    expect(answeringVersion("2.14")).toBe("2.14");
    expect(answeringVersion("2.15")).toBe("2.14");
    expect(answeringVersion("2.13")).toBe("2.11");
    expect(answeringVersion("2.17")).toBe("2.16");
    expect(answeringVersion(null)).toBe("2.11");
    expect(answeringVersion("Unstable")).toBe("2.11");
  });
});

describe("inVersion", () => {
  const ticket = {
    type: "ticket",
    ticket_state: "in_progress",
    ticket_state_internal_label: "In progress",
    ticket_state_external_label: "Working on it",
    admin_assignee_id: "0",
    team_assignee_id: "7",
  };

  test("2.11 is the generated shape, untouched", () => {
    expect(inVersion(ticket, "2.11")).toBe(ticket);
  });

  test("2.14: ticket_state is an object with the labels; assignee ids stay strings; an admin's avatar is its URL", () => {
    const body = inVersion({ type: "list", data: [ticket, { type: "admin", id: "1", avatar: { image_url: "https://a/1.png" } }] }, "2.14") as {
      data: Record<string, unknown>[];
    };
    expect(body.data[0]).toEqual({
      type: "ticket",
      ticket_state: { type: "ticket_state", id: "2", category: "in_progress", internal_label: "In progress", external_label: "Working on it" },
      admin_assignee_id: "0",
      team_assignee_id: "7",
    });
    expect(body.data[1]!.avatar).toBe("https://a/1.png");
    expect(ticket.ticket_state).toBe("in_progress");
  });

  test("2.16: owner_id a string, unassigned conversation ids 0, five priorities, ticket assignee ids integers", () => {
    const body = inVersion(
      [
        { type: "contact", id: "c1", owner_id: 42, formatted_phone: "+1" },
        { type: "contact", id: "c2", owner_id: null },
        { type: "conversation", id: "9", admin_assignee_id: null, team_assignee_id: 5, priority: "not_priority" },
        { type: "conversation", id: "10", admin_assignee_id: 3, team_assignee_id: null, priority: "priority" },
        ticket,
      ],
      "2.16",
    ) as Record<string, unknown>[];
    expect(body[0]).toEqual({ type: "contact", id: "c1", owner_id: "42" });
    expect(body[1]!.owner_id).toBeNull();
    expect(body[2]).toMatchObject({ admin_assignee_id: 0, team_assignee_id: 5 });
    expect(["none", "low", "medium"]).toContain(body[2]!.priority as string);
    expect(body[3]).toMatchObject({ admin_assignee_id: 3, team_assignee_id: 0 });
    expect(["high", "urgent"]).toContain(body[3]!.priority as string);
    expect(body[4]).toMatchObject({ admin_assignee_id: 0, team_assignee_id: 7 });
  });
});

describe("GET /contacts/{id}", () => {
  test("answers the contact in the version's shape", async () => {
    const contact = [...fake.workspace.records("contacts")].find((c) => c.owner_id !== null)!;
    const v211 = await get(`/contacts/${String(contact.id)}`, "2.11");
    const v216 = await get(`/contacts/${String(contact.id)}`, "2.16");
    expect(v211.status).toBe(200);
    expect(typeof v211.body.owner_id).toBe("number");
    expect(v216.body.owner_id).toBe(String(v211.body.owner_id));
  });

  test("a merged contact: 410 Gone with a Link to the contact it went into on 2.16, 404 before", async () => {
    const [from, into] = [...fake.workspace.records("contacts")].map((c) => String(c.id));
    fake.workspace.mergeContact(from!, into!);
    const gone = await get(`/contacts/${from}`, "2.16");
    expect(gone.status).toBe(410);
    expect(gone.headers.get("Link")).toBe(`</contacts/${into}>; rel="canonical"`);
    expect((gone.body.errors as { code: string }[])[0]!.code).toBe("contact_merged");
    expect((await get(`/contacts/${from}`, "2.11")).status).toBe(404);
    expect((await get(`/contacts/${into}`, "2.16")).status).toBe(200);
  });
});
