/**
 * Past a stream's first pages the engine checks a sample of each page (schema/sampled-validation.ts); a type
 * error in a field every record carries is still counted for every record, and a run says how many it checked.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import { clientFor, type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

const CONTACTS = 1200;
let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: CONTACTS } });
});
afterAll(() => fake.close());

/** Intercom starts sending `role` as a number in every contact once `after` pages were read. */
function driftingAfter(after: number): ApiClient {
  const real = clientFor(fake);
  let pages = 0;
  return {
    get stats() {
      return real.stats;
    },
    async request<T>(request: ApiRequest): Promise<T> {
      const body = (await real.request(request)) as { data?: Record<string, unknown>[] };
      if (body.data && body.data.length > 1 && pages++ >= after) {
        for (const contact of body.data) contact.role = 42;
      }
      return body as T;
    },
  };
}

test("a field wrong in every record after clean pages is counted for every record written", async () => {
  const { result, sink } = await syncWith(fake, ["contacts"], { client: driftingAfter(12), perPage: 50, windowConcurrency: 1 });
  const written = sink.all("contacts");
  expect(written.length).toBe(CONTACTS);
  const wrong = written.filter((contact) => contact.role === 42).length;
  expect(wrong).toBeGreaterThan(500);
  const row = result.mismatches.find((mismatch) => mismatch.stream === "contacts" && mismatch.field === "role");
  expect(row?.count).toBe(wrong);
  const contacts = result.streams.find((stream) => stream.name === "contacts")!;
  expect(contacts.checked).toBeGreaterThanOrEqual(wrong);
});

test("clean pages past the first ones are sampled; { every: 1 } checks every record", async () => {
  const sampled = await syncWith(fake, ["contacts"], { perPage: 50, windowConcurrency: 1 });
  const all = await syncWith(fake, ["contacts"], { perPage: 50, windowConcurrency: 1, schemaSampling: { every: 1 } });
  const checked = (run: typeof sampled) => run.result.streams.find((stream) => stream.name === "contacts")!.checked!;
  expect(sampled.result.mismatches).toEqual([]);
  expect(checked(sampled)).toBeLessThan(CONTACTS / 2);
  expect(checked(sampled)).toBeGreaterThanOrEqual(10 * 50); // the first ten pages in full
  expect(checked(all)).toBe(all.sink.all("contacts").length);
});
