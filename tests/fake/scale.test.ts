import { expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { post } from "./helpers.ts";

test("a 1,000,000-contact workspace answers search pages without building the workspace", async () => {
  const fake = createFakeIntercom({ sizes: { contacts: 1_000_000 } });
  const first = await post(fake, "/contacts/search", {
    query: { field: "updated_at", operator: ">", value: fake.workspace.now - 30 * 86_400 },
    sort: { field: "updated_at", order: "ascending" },
    pagination: { per_page: 150 },
  });
  expect(first.status).toBe(200);
  expect(first.body.data).toHaveLength(150);
  expect(first.body.total_count).toBeGreaterThan(250_000);
  const second = await post(fake, "/contacts/search", {
    query: { field: "updated_at", operator: ">", value: fake.workspace.now - 30 * 86_400 },
    sort: { field: "updated_at", order: "ascending" },
    pagination: { per_page: 150, starting_after: first.body.pages.next.starting_after },
  });
  expect(second.body.data[0].updated_at).toBeGreaterThanOrEqual(first.body.data[149].updated_at);
  expect(second.body.data[0].id > first.body.data[149].id).toBe(true);
  const everyone = await post(fake, "/contacts/search", { query: { operator: "AND", value: [] }, pagination: { per_page: 5 } });
  expect(everyone.body.total_count).toBe(1_000_000);
});
