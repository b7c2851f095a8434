import { afterAll, beforeAll, expect, test } from "bun:test";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import { clientFor, type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: 30 } });
});
afterAll(() => fake.close());

test("a record with an unexpected field and a wrong type is written and counted, not dropped", async () => {
  const real = clientFor(fake);
  const target = String([...fake.workspace.records("contacts")][5]!.id);
  // Intercom changes shapes without notice: make one contact carry a number where a string belongs, in every
  // response it appears in (windows overlap on the server side; the engine writes it once).
  const drifting: ApiClient = {
    get stats() {
      return real.stats;
    },
    async request<T>(request: ApiRequest): Promise<T> {
      const body = (await real.request(request)) as { data?: Record<string, unknown>[] };
      for (const contact of body.data ?? []) {
        if (contact.id !== target) continue;
        contact.email = 12345;
        contact.brand_new_field = { nested: true };
      }
      return body as T;
    },
  };
  const { result, sink } = await syncWith(fake, ["contacts"], { client: drifting });
  expect(sink.all("contacts").length).toBe(30);
  expect(sink.all("contacts").some((contact) => contact.email === 12345)).toBe(true);
  const row = result.mismatches.find((mismatch) => mismatch.stream === "contacts" && mismatch.field === "email");
  expect(row?.count).toBe(1);
  expect(result.mismatches.some((mismatch) => mismatch.field.includes("brand_new_field"))).toBe(false);
});
