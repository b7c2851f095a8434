/** The fake's "page too big" fault, and the cursor it relies on: a position stays valid when per_page changes. */
import { describe, expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { ids, post } from "./helpers.ts";

const everything = { field: "updated_at", operator: ">", value: 0 };
const ascending = { field: "updated_at", order: "ascending" };

describe("searchGatewayErrorAbovePerPage", () => {
  test("search pages above the limit get a gateway's 502 or 504; at or below it, the real answer", async () => {
    const fake = createFakeIntercom({ sizes: { contacts: 60 }, faults: { searchGatewayErrorAbovePerPage: 50 } });
    const statuses = new Set<number>();
    for (let i = 0; i < 12; i++) {
      const big = await post(fake, "/contacts/search", { query: everything, pagination: { per_page: 150 } });
      statuses.add(big.status);
      expect(big.body.raw).toContain("<html>");
    }
    expect([...statuses].sort()).toEqual([502, 504]);
    expect(fake.stats.injectedFaults).toBe(12);
    const fits = await post(fake, "/contacts/search", { query: everything, pagination: { per_page: 50 } });
    expect(fits.status).toBe(200);
    expect(fits.body.data).toHaveLength(50);
    // Other routes are not touched.
    const tickets = await post(fake, "/tickets/search", { query: everything, pagination: { per_page: 40 } });
    expect(tickets.status).toBe(200);
  });

  test("a starting_after from a page of 150 continues at 37 with nothing skipped or repeated", async () => {
    const fake = createFakeIntercom({ sizes: { contacts: 400 } });
    const first = await post(fake, "/contacts/search", { query: everything, sort: ascending, pagination: { per_page: 150 } });
    const found = ids(first.body.data);
    let startingAfter: string | undefined = first.body.pages.next.starting_after;
    while (startingAfter) {
      const page = await post(fake, "/contacts/search", {
        query: everything,
        sort: ascending,
        pagination: { per_page: 37, starting_after: startingAfter },
      });
      expect(page.status).toBe(200);
      found.push(...ids(page.body.data));
      startingAfter = page.body.pages.next?.starting_after;
    }
    expect(found).toHaveLength(400);
    expect(new Set(found)).toEqual(new Set(ids(fake.workspace.records("contacts"))));
  });
});
