/** The fake's resource registry (src/fake/resources/): every stream and route declared once, in one resource. */
import { expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { RESOURCES, ROUTES } from "../../src/fake/resources/registry.ts";
import { STREAMS } from "../../src/streams/catalog.ts";

test("every stream of the catalog read from Intercom has its records declared by exactly one resource", () => {
  const declared = RESOURCES.flatMap((resource) => Object.keys(resource.records));
  // Documents are made by intercom-sync from other streams' records: the fake serves none of their own.
  const served = STREAMS.filter((stream) => stream.read.kind !== "document").map((stream) => stream.name);
  expect([...declared].sort()).toEqual(served.sort());
});

test("no two routes share a method and path", () => {
  const names = ROUTES.map((route) => route.name);
  expect(names.length).toBe(new Set(names).size);
});

test("a path without parameters wins over an id in the same place (/companies/scroll is not a company)", async () => {
  const fake = createFakeIntercom({ sizes: { companies: 3 } });
  const get = (path: string) => fake.handler(new Request(`http://fake${path}`, { headers: { Authorization: "Bearer test-token" } }));
  const scroll = (await (await get("/companies/scroll")).json()) as { type: string };
  expect(scroll.type).toBe("list");
  const deleted = await get("/conversations/deleted");
  expect(fake.stats.byRoute["GET /conversations/deleted"]).toBe(1);
  expect(deleted.status).not.toBe(404);
});
