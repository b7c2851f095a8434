import { afterAll, beforeAll, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { createApiClient } from "../../src/http/client.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

let fake: RunningFake;
beforeAll(async () => {
  fake = await startFake({ sizes: { contacts: 40 } });
});
afterAll(() => fake.close());

/** A client whose responses carry Intercom's clock: the fake workspace's "now" in the Date header. */
function clientOnWorkspaceClock() {
  return createApiClient({
    baseUrl: fake.url,
    token: "test-token",
    userAgent: "intercom-sync-tests",
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const response = await fetch(input, init);
      const headers = new Headers(response.headers);
      headers.set("date", new Date(fake.workspace.now * 1000).toUTCString());
      return new Response(await response.arrayBuffer(), { status: response.status, headers });
    }) as typeof fetch,
  });
}

test("a machine clock ten minutes ahead of Intercom's does not push the cursor past updates still to come", async () => {
  const store = memoryStateStore();
  const ahead = () => (fake.workspace.now + 600) * 1000;
  const warnings: string[] = [];
  await syncWith(fake, ["contacts"], {
    store,
    client: clientOnWorkspaceClock(),
    now: ahead,
    onEvent: (event) => void (event.kind === "warning" && warnings.push(event.message)),
  });
  expect(store.get("contacts")!.cursor).toBeLessThanOrEqual(fake.workspace.now + 1);
  expect(warnings.some((warning) => warning.includes("ahead of Intercom's"))).toBe(true);

  // Thirty seconds later by Intercom's clock, a contact changes: the next run must see it.
  fake.workspace.now += 30;
  const id = String([...fake.workspace.records("contacts")][3]!.id);
  fake.workspace.updateContact(id);
  fake.workspace.now += 60;
  const second = await syncWith(fake, ["contacts"], { store, client: clientOnWorkspaceClock(), now: ahead });
  expect(second.sink.all("contacts").map((contact) => String(contact.id))).toEqual([id]);
});

test("a bad token fails the run at its first request, before any stream starts", async () => {
  const bad = createApiClient({ baseUrl: fake.url, token: "nope", userAgent: "intercom-sync-tests" });
  const { result, sink } = await syncWith(fake, undefined, { client: bad });
  expect(result.fatal?.name).toBe("AuthError");
  expect(result.outcome).toBe("failed");
  expect(result.http.requests).toBe(1);
  expect(sink.pages).toBe(0);
});
