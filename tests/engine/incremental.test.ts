import { afterEach, describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { clientFor, type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

const DAY = 86_400;
let fake: RunningFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const ids = (records: Record<string, unknown>[]) => records.map((record) => String(record.id)).sort();

describe("incremental sync", () => {
  test("a second run emits every changed record and no unchanged one", async () => {
    fake = await startFake({ sizes: { contacts: 300, companies: 40, conversations: 60, tickets: 50, activityLogs: 40 } });
    const store = memoryStateStore();
    const first = await syncWith(fake, undefined, { store });
    expect(first.result.outcome).toBe("ok");

    fake.workspace.now += 3 * DAY;
    const contact = String([...fake.workspace.records("contacts")][17]!.id);
    const company = String([...fake.workspace.records("companies")][3]!.id);
    const ticket = String([...fake.workspace.records("tickets")][5]!.id);
    const conversation = String([...fake.workspace.records("conversations")][9]!.id);
    fake.workspace.updateContact(contact);
    fake.workspace.updateCompany(company);
    fake.workspace.updateTicket(ticket);
    fake.workspace.addConversationPart(conversation);
    const newContact = fake.workspace.createContact();
    const newLog = fake.workspace.addActivityLog();

    const second = await syncWith(fake, undefined, { store });
    expect(second.result.outcome).toBe("ok");
    expect(ids(second.sink.all("contacts"))).toEqual([contact, newContact].sort());
    expect(ids(second.sink.all("companies"))).toEqual([company]);
    expect(ids(second.sink.all("tickets"))).toEqual([ticket]);
    expect(ids(second.sink.all("conversations"))).toEqual([conversation]);
    expect(ids(second.sink.all("activity_logs"))).toEqual([newLog]);
    const parts = second.sink.all("conversation_parts");
    expect(parts.length).toBeGreaterThan(0);
    expect(new Set(parts.map((part) => part.conversation_id))).toEqual(new Set([conversation]));
  });

  test("a record updated in the same second as the cursor is not lost", async () => {
    fake = await startFake({ sizes: { contacts: 50 } });
    const store = memoryStateStore();
    // Lag 0 and "now" one second after the workspace clock: the run's bound is exactly workspace.now + 1.
    await syncWith(fake, ["contacts"], { store });
    const cursor = store.get("contacts")!.cursor!;
    fake.workspace.now = cursor; // the next update lands on the cursor's own second
    const id = String([...fake.workspace.records("contacts")][4]!.id);
    fake.workspace.updateContact(id);
    fake.workspace.now = cursor + 10;
    const second = await syncWith(fake, ["contacts"], { store });
    expect(ids(second.sink.all("contacts"))).toContain(id);
  });

  test("day-granular search in a far timezone loses nothing that a naive `updated_at > cursor` query would lose", async () => {
    fake = await startFake({ sizes: { contacts: 80 }, timezone: "Pacific/Kiritimati" });
    const store = memoryStateStore();
    await syncWith(fake, ["contacts"], { store });
    const cursor = store.get("contacts")!.cursor!;
    fake.workspace.now = cursor + 60; // a minute after the cursor: the same calendar day almost always
    const id = String([...fake.workspace.records("contacts")][11]!.id);
    fake.workspace.updateContact(id);
    fake.workspace.now = cursor + 120;

    const naive = (await clientFor(fake).request({
      method: "POST",
      path: "/contacts/search",
      body: { query: { field: "updated_at", operator: ">", value: cursor }, pagination: { per_page: 150 } },
    })) as { data: { id: string }[] };
    // Intercom's `>` starts at the next calendar day: the naive query misses the update entirely.
    expect(naive.data.map((contact) => contact.id)).not.toContain(id);

    const second = await syncWith(fake, ["contacts"], { store });
    expect(ids(second.sink.all("contacts"))).toEqual([id]);
  });

  test("records inside the search-lag margin are left for the next run, which picks them up", async () => {
    fake = await startFake({ sizes: { tickets: 30 } });
    const store = memoryStateStore();
    const id = String([...fake.workspace.records("tickets")][2]!.id);
    fake.workspace.updateTicket(id); // updated at workspace.now
    // The engine runs 60 s after the update with a 5-minute lag: the update is too fresh to trust the index.
    const first = await syncWith(fake, ["tickets"], { store, searchLagMinutes: 5, now: () => (fake!.workspace.now + 60) * 1000 });
    expect(ids(first.sink.all("tickets"))).not.toContain(id);
    const second = await syncWith(fake, ["tickets"], { store, searchLagMinutes: 5, now: () => (fake!.workspace.now + 600) * 1000 });
    expect(ids(second.sink.all("tickets"))).toContain(id);
  });

  test("--lookback-days re-reads records already synced within the lookback", async () => {
    fake = await startFake({ sizes: { contacts: 60 } });
    const store = memoryStateStore();
    await syncWith(fake, ["contacts"], { store });
    const recent = [...fake.workspace.records("contacts")].filter(
      (contact) => (contact.updated_at as number) >= fake!.workspace.now - 2 * DAY,
    );
    const again = await syncWith(fake, ["contacts"], { store, lookbackDays: 2 });
    expect(ids(again.sink.all("contacts"))).toEqual(ids(recent));
  });

  test("--since bounds the first run", async () => {
    fake = await startFake({ sizes: { contacts: 120 } });
    // The median update time: half the contacts are before it.
    const times = [...fake.workspace.records("contacts")].map((contact) => contact.updated_at as number).sort((a, b) => a - b);
    const since = times[60]!;
    const { sink } = await syncWith(fake, ["contacts"], { since });
    const expected = [...fake.workspace.records("contacts")].filter((contact) => (contact.updated_at as number) >= since);
    expect(ids(sink.all("contacts"))).toEqual(ids(expected));
    expect(expected.length).toBeLessThan(100);
    expect(expected.length).toBeGreaterThan(20);
  });
});

describe("what an incremental run asks for", () => {
  test("a no-change run reads one search page per search stream: a range shorter than the smallest window needs no probe", async () => {
    fake = await startFake({ sizes: { contacts: 400, conversations: 80, tickets: 30 } });
    const store = memoryStateStore();
    await syncWith(fake, ["contacts", "conversations", "tickets"], { store });
    const before = { ...fake.stats.byRoute };
    fake.workspace.now += 2 * DAY;
    const second = await syncWith(fake, ["contacts", "conversations", "tickets"], { store, lookbackDays: 0 });
    expect(second.result.outcome).toBe("ok");
    for (const route of ["POST /contacts/search", "POST /conversations/search", "POST /tickets/search"]) {
      expect((fake.stats.byRoute[route] ?? 0) - (before[route] ?? 0)).toBe(1);
    }
  });

  test("a range longer than the smallest window is still probed, so its windows are sized", async () => {
    fake = await startFake({ sizes: { contacts: 400 } });
    const store = memoryStateStore();
    await syncWith(fake, ["contacts"], { store });
    const before = fake.stats.byRoute["POST /contacts/search"] ?? 0;
    fake.workspace.now += 10 * DAY;
    await syncWith(fake, ["contacts"], { store });
    // The probe, then the one window's page.
    expect((fake.stats.byRoute["POST /contacts/search"] ?? 0) - before).toBe(2);
  });
});
