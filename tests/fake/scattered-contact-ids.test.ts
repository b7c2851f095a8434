/**
 * FakeOptions.scatteredContactIds: contact ids in no order along a search (as a real workspace's contacts sorted
 * by updated_at), for the bench; every contact is still found by its id, and by default ids keep rising.
 */
import { expect, test } from "bun:test";
import { startFakeIntercom } from "../../src/fake/mod.ts";

async function searchIds(url: string): Promise<string[]> {
  const answer = await fetch(`${url}/contacts/search`, {
    method: "POST",
    headers: { authorization: "Bearer test-token", "content-type": "application/json" },
    body: JSON.stringify({
      query: { field: "updated_at", operator: ">", value: 0 },
      pagination: { per_page: 150 },
      sort: { field: "updated_at", order: "ascending" },
    }),
  });
  const body = await answer.json() as { data: { id: string }[] };
  return body.data.map((contact) => contact.id);
}

const descents = (ids: string[]) => ids.filter((id, i) => i > 0 && id < ids[i - 1]!).length;

test("scattered contact ids fall in no order along a search; each contact is still read by its id", async () => {
  const scattered = await startFakeIntercom({ sizes: { contacts: 150, conversations: 0 }, scatteredContactIds: true });
  const ordered = await startFakeIntercom({ sizes: { contacts: 150, conversations: 0 } });
  try {
    const ids = await searchIds(scattered.url);
    expect(ids).toHaveLength(150);
    expect(new Set(ids).size).toBe(150);
    expect(descents(ids)).toBeGreaterThan(40);
    expect(descents(await searchIds(ordered.url))).toBeLessThan(5);
    for (const id of ids.slice(0, 5)) {
      const one = await fetch(`${scattered.url}/contacts/${id}`, { headers: { authorization: "Bearer test-token" } });
      expect(one.status).toBe(200);
      expect(((await one.json()) as { id: string }).id).toBe(id);
    }
  } finally {
    await scattered.close();
    await ordered.close();
  }
});
