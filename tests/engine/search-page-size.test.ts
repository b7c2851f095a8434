/**
 * Pages too big for Intercom: a search answered 502/504 at 150 per page is asked for again at half the size from
 * the same position, the pass keeps the smaller size, every record arrives once, and the stream carries a warning.
 * At the smallest size (10) a gateway error is retried as any 5xx and then fails the stream as before.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { keyOf, memorySink } from "../helpers/memory-sink.ts";
import type { EngineEvent } from "../../src/engine/events.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { expectExactRecords, fastRetryClient } from "../resilience/helpers.ts";
import { TransientError } from "../../src/errors.ts";

let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: 420, conversations: 160, tickets: 155 }, faults: { searchGatewayErrorAbovePerPage: 50 } });
});
afterAll(() => fake.close());

function warningsOf(result: Awaited<ReturnType<typeof syncWith>>["result"], stream: string): string[] {
  return result.streams.find((entry) => entry.name === stream)!.warnings;
}

describe("a search page Intercom cannot build at 150 per page", () => {
  test("contacts: read again at 75, then 37, from the same position; every record once; one warning", async () => {
    const events: EngineEvent[] = [];
    const perPageAsked: number[] = [];
    const client = fastRetryClient(fake, {
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        const body = typeof init?.body === "string"
          ? (JSON.parse(init.body) as { pagination?: { per_page?: number; starting_after?: string } })
          : undefined;
        if (body?.pagination?.per_page !== undefined && body.pagination.per_page > 1) perPageAsked.push(body.pagination.per_page);
        return fetch(input, init);
      }) as typeof fetch,
    });
    const { result, sink } = await syncWith(fake, ["contacts"], { client, windowDays: 30, onEvent: (event) => events.push(event) });
    expect(result.outcome).toBe("ok");
    expectExactRecords(fake, sink, ["contacts"]);
    expect(warningsOf(result, "contacts")).toHaveLength(1);
    expect(warningsOf(result, "contacts")[0]).toMatch(/^Intercom answered 50[24] at 150, 50[24] at 75 per page; read at 37 per page from then on$/);
    // Two tries at each too-big size, at most once per window in flight (8 side by side); then 37 only.
    const tooBig = perPageAsked.filter((size) => size > 50);
    expect(tooBig.length).toBeGreaterThanOrEqual(4);
    expect(tooBig.length).toBeLessThanOrEqual(2 * 2 * 8);
    expect(new Set(perPageAsked)).toEqual(new Set([150, 75, 37]));
    // The progress estimate still comes from the windows' total_count: at least what was read.
    const pages = events.filter((event): event is Extract<EngineEvent, { kind: "page" }> => event.kind === "page");
    const lastExpected = pages.at(-1)?.expected ?? 0;
    expect(lastExpected).toBeGreaterThanOrEqual(sink.all("contacts").length);
    expect(lastExpected).toBeLessThan(sink.all("contacts").length * 2);
  });

  test("conversations with their parts, and tickets: complete, each warned on its own stream", async () => {
    const { result, sink } = await syncWith(fake, ["conversations", "conversation_parts", "tickets"], { client: fastRetryClient(fake) });
    expect(result.outcome).toBe("ok");
    expectExactRecords(fake, sink, ["conversations", "tickets"]);
    const conversationIds = new Set(sink.all("conversations").map((conversation) => conversation.id));
    expect(new Set(sink.all("conversation_parts").map((part) => part.conversation_id))).toEqual(conversationIds);
    expect(warningsOf(result, "conversations")).toEqual([expect.stringContaining("read at 37 per page")]);
    expect(warningsOf(result, "tickets")).toEqual([expect.stringContaining("read at 37 per page")]);
    expect(warningsOf(result, "conversation_parts").some((warning) => warning.includes("per page"))).toBe(false);
  });

  test("only conversation_parts selected: the warning goes to it, since conversations are not emitted", async () => {
    const { result } = await syncWith(fake, ["conversation_parts"], { client: fastRetryClient(fake) });
    expect(result.outcome).toBe("ok");
    expect(warningsOf(result, "conversation_parts").filter((warning) => warning.includes("per page"))).toHaveLength(1);
  });

  test("a position saved from a page of 37 resumes at 150 once Intercom recovers: nothing lost, at most one page repeated", async () => {
    // One long window, so the crash leaves a position inside it; the page size itself is not part of the state.
    const store = memoryStateStore();
    const crashed = memorySink();
    crashed.failOnPage = 4;
    const first = await syncWith(fake, ["contacts"], { client: fastRetryClient(fake), store, sink: crashed, windowDays: 1000, concurrency: 1 });
    expect(first.result.outcome).not.toBe("ok");
    const saved = store.get("contacts")?.windows ?? [];
    expect(saved.some((window) => window.position !== undefined)).toBe(true);
    expect(first.result.streams[0]!.warnings).toEqual([expect.stringContaining("read at 37 per page")]);
    expect(crashed.all("contacts").length).toBeGreaterThanOrEqual(37);

    fake.faults.searchGatewayErrorAbovePerPage = undefined;
    try {
      const second = await syncWith(fake, ["contacts"], { client: fastRetryClient(fake), store, windowDays: 1000, concurrency: 1 });
      expect(second.result.outcome).toBe("ok");
      expect(second.result.streams[0]!.warnings).toEqual([]);
      const before = crashed.all("contacts").map((record) => keyOf(record, ["id"]));
      const after = second.sink.all("contacts").map((record) => keyOf(record, ["id"]));
      const expected = [...fake.workspace.records("contacts")].map((record) => keyOf(record, ["id"]));
      expect(new Set([...before, ...after])).toEqual(new Set(expected));
      expect(after.filter((key) => before.includes(key)).length).toBeLessThanOrEqual(37);
    } finally {
      fake.faults.searchGatewayErrorAbovePerPage = 50;
    }
  });

  test("a run without the fault keeps 150 per page and warns nothing", async () => {
    const clean = await startFake({ sizes: { contacts: 420 } });
    try {
      const { result, sink } = await syncWith(clean, ["contacts"], { client: fastRetryClient(clean) });
      expect(result.outcome).toBe("ok");
      expectExactRecords(clean, sink, ["contacts"]);
      expect(warningsOf(result, "contacts")).toEqual([]);
    } finally {
      await clean.close();
    }
  });

  test("still refused at the smallest size: the stream fails as before, and the warning says what was tried", async () => {
    const hopeless = await startFake({ sizes: { contacts: 420, tickets: 30 }, faults: { searchGatewayErrorAbovePerPage: 5 } });
    try {
      const { result, sink } = await syncWith(hopeless, ["contacts", "admins"], {
        client: fastRetryClient(hopeless, { retry: { backoffBaseMs: 1, backoffMaxMs: 2, maxAttempts: 4 } }),
      });
      expect(result.outcome).toBe("partial");
      const contacts = result.streams.find((entry) => entry.name === "contacts")!;
      expect(contacts.outcome).toBe("failed");
      expect(contacts.error).toBeInstanceOf(TransientError);
      expect((contacts.error as TransientError).status).toBeOneOf([502, 504]);
      // The smallest size got the client's full attempts.
      expect((contacts.error as TransientError).attempts).toBe(4);
      expect(contacts.error!.message).toContain("/contacts/search");
      expect(contacts.warnings).toEqual([expect.stringMatching(/at 150, 50[24] at 75, 50[24] at 37, 50[24] at 18 per page; read at 10 per page/)]);
      expect(sink.all("contacts")).toEqual([]);
      expect(result.streams.find((entry) => entry.name === "admins")!.outcome).toBe("ok");
    } finally {
      await hopeless.close();
    }
  });
});
