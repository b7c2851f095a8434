import { describe, expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { type Body, ids, post, searchAll } from "./helpers.ts";

const DAY = 86_400;
/** Both zones have had a fixed offset since 1995, so the expected boundaries are plain arithmetic. */
const ZONES = [
  ["Pacific/Kiritimati", 14 * 3600],
  ["Pacific/Pago_Pago", -11 * 3600],
] as const;

function localDayStart(t: number, offset: number): number {
  return Math.floor((t + offset) / DAY) * DAY - offset;
}

/** A record time t such that some other record falls later on the same local day. */
function timeWithSameDayLater(records: Body[], offset: number): number {
  const times = records.map((r) => r.updated_at as number).sort((a, b) => a - b);
  for (const t of times) {
    if (times.some((u) => u > t && localDayStart(u, offset) === localDayStart(t, offset))) return t;
  }
  throw new Error("no two records share a local day");
}

const sizes = { contacts: 300, conversations: 150, tickets: 80 };

describe("date search matches by calendar day in the workspace time zone", () => {
  for (const [timezone, offset] of ZONES) {
    test(`${timezone}: updated_at > t starts at the next local midnight, excluding the rest of t's day`, async () => {
      const fake = createFakeIntercom({ timezone, sizes });
      const all = [...fake.workspace.records("contacts")];
      const t = timeWithSameDayLater(all, offset);
      const nextMidnight = localDayStart(t, offset) + DAY;
      const found = await searchAll(fake, "/contacts/search", {
        query: { field: "updated_at", operator: ">", value: t },
        pagination: { per_page: 150 },
      });
      const expected = all.filter((r) => (r.updated_at as number) >= nextMidnight);
      expect(ids(found).sort()).toEqual(ids(expected).sort());
      // The truncation is visible: later records of t's own day are left out.
      expect(all.some((r) => (r.updated_at as number) > t && (r.updated_at as number) < nextMidnight)).toBe(true);
    });

    test(`${timezone}: = matches the whole local day and < ends at its local midnight`, async () => {
      const fake = createFakeIntercom({ timezone, sizes });
      const all = [...fake.workspace.records("contacts")];
      const t = timeWithSameDayLater(all, offset);
      const start = localDayStart(t, offset);
      const equal = await searchAll(fake, "/contacts/search", {
        query: { field: "updated_at", operator: "=", value: t },
        pagination: { per_page: 150 },
      });
      expect(ids(equal).sort()).toEqual(ids(all.filter((r) => (r.updated_at as number) >= start && (r.updated_at as number) < start + DAY)).sort());
      const before = await searchAll(fake, "/contacts/search", {
        query: { field: "updated_at", operator: "<", value: t },
        pagination: { per_page: 150 },
      });
      expect(ids(before).sort()).toEqual(ids(all.filter((r) => (r.updated_at as number) < start)).sort());
    });
  }

  test("the same query answers differently in two time zones", async () => {
    const utc = createFakeIntercom({ sizes });
    const kiritimati = createFakeIntercom({ sizes, timezone: "Pacific/Kiritimati" });
    const t = [...utc.workspace.records("contacts")][150]!.updated_at as number;
    const body = { query: { field: "updated_at", operator: ">", value: t }, pagination: { per_page: 150 } };
    const a = (await post(utc, "/contacts/search", body)).body.total_count;
    const b = (await post(kiritimati, "/contacts/search", body)).body.total_count;
    expect(a).not.toBe(b);
  });

  test("a date value given as a numeric string is accepted, as in the spec's example", async () => {
    const fake = createFakeIntercom({ sizes });
    const answer = await post(fake, "/contacts/search", { query: { field: "created_at", operator: ">", value: "1306054154" } });
    expect(answer.status).toBe(200);
    expect(answer.body.total_count).toBe(300);
  });

  for (const operator of [">=", "<=", "!=", "IN", "NIN"]) {
    test(`${operator} on a date field is rejected with a 400 error.list`, async () => {
      const fake = createFakeIntercom({ sizes });
      const value = operator === "IN" || operator === "NIN" ? [1_700_000_000] : 1_700_000_000;
      for (const path of ["/contacts/search", "/conversations/search", "/tickets/search"] as const) {
        const answer = await post(fake, path, { query: { field: "updated_at", operator, value } });
        expect(answer.status).toBe(400);
        expect(answer.body.type).toBe("error.list");
      }
    });
  }

  test("exactSecondSearch streams match to the second and accept >=, while contacts still match by day", async () => {
    const fake = createFakeIntercom({ sizes, timezone: "Pacific/Kiritimati", exactSecondSearch: ["conversations", "tickets"] });
    const conversations = [...fake.workspace.records("conversations")];
    const t = timeWithSameDayLater(conversations, 14 * 3600);
    const after = await searchAll(fake, "/conversations/search", {
      query: { field: "updated_at", operator: ">", value: t },
      pagination: { per_page: 150 },
    });
    expect(ids(after).sort()).toEqual(ids(conversations.filter((r) => (r.updated_at as number) > t)).sort());
    const atLeast = await searchAll(fake, "/tickets/search", { query: { field: "updated_at", operator: ">=", value: t } });
    const tickets = [...fake.workspace.records("tickets")];
    expect(ids(atLeast).sort()).toEqual(ids(tickets.filter((r) => (r.updated_at as number) >= t)).sort());
    expect((await post(fake, "/contacts/search", { query: { field: "updated_at", operator: ">=", value: t } })).status).toBe(400);
  });
});
