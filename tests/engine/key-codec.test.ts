/**
 * The packed key lists that carry a complete read's keys inside every state (file, database, protocol STATE):
 * exact round trips, and the sizes the README states for 10,000 and 100,000 keys.
 */
import { describe, expect, test } from "bun:test";
import { packKeys, unpackKeys } from "../../src/engine/deletions/key-codec.ts";
import { createFakeIntercom } from "../../src/fake/mod.ts";

/** Intercom-shaped ObjectIds with a random tail (no shared process part): the hardest case for compression. */
function randomObjectIds(count: number): string[] {
  let seconds = 1_500_000_000;
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0);
  const hex = (value: number, width: number) => value.toString(16).padStart(width, "0").slice(-width);
  return Array.from({ length: count }, () => {
    seconds += next() % 5000;
    return hex(seconds, 8) + hex(next(), 8) + hex(next(), 8);
  });
}

function fakeCompanyIds(count: number): string[] {
  const fake = createFakeIntercom({ seed: 7, sizes: { companies: count, contacts: 1, conversations: 1, tickets: 1 } });
  return [...fake.workspace.records("companies")].map((company) => String(company.id));
}

describe("packed key lists", () => {
  test.each([
    ["numeric ids", ["9100007", "9100001", "0", "123456789012345"]],
    ["ObjectIds", randomObjectIds(50)],
    ["two-field keys", [JSON.stringify(["contact", "email"]), JSON.stringify(["company", "name"]), JSON.stringify(["contact", "e"])]],
    ["ids with leading zeros stay text", ["007", "7", "70"]],
    ["a key holding a newline", ["a\nb", "a", "b"]],
    ["no keys", []],
  ])("%s come back exactly, sorted", async (_name, keys) => {
    expect(await unpackKeys(await packKeys(keys))).toEqual([...keys].sort());
  });

  test("text that is not a packed list is refused", async () => {
    await expect(unpackKeys("bm90IGd6aXA=")).rejects.toThrow();
  });

  test("sizes for 10,000 and 100,000 keys (the README's table)", async () => {
    const sizes: Record<string, number> = {};
    for (const count of [10_000, 100_000]) {
      const numeric = Array.from({ length: count }, (_, index) => String(9_100_000 + index * 3));
      sizes[`numeric ${count}`] = (await packKeys(numeric)).length;
      sizes[`fake companies ${count}`] = (await packKeys(fakeCompanyIds(count))).length;
      sizes[`random ObjectIds ${count}`] = (await packKeys(randomObjectIds(count))).length;
    }
    console.log(JSON.stringify(sizes));
    expect(sizes["numeric 100000"]!).toBeLessThan(4_000);
    expect(sizes["random ObjectIds 10000"]!).toBeLessThan(200_000);
    expect(sizes["random ObjectIds 100000"]!).toBeLessThan(2_000_000);
    // Against 2.5 MB of plain keys, one a line.
    expect(sizes["fake companies 100000"]!).toBeLessThan(sizes["random ObjectIds 100000"]!);
  });
});
