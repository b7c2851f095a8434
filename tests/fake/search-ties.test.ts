/**
 * The fake's search over base records whose ids do not rise with their index (FakeOptions.scatteredContactIds):
 * records sharing a sort time are still handed out in (time, id) order, each exactly once across pages.
 */
import { describe, expect, test } from "bun:test";
import type { Rec } from "../../src/fake/context.ts";
import { runSearch } from "../../src/fake/search/engine.ts";
import { compileQuery, type RangeField } from "../../src/fake/search/query.ts";
import type { SearchSource } from "../../src/fake/search/source.ts";

const COUNT = 300;
/** Five records share each time; ids are a scramble of the index, unique but in no order. */
const timeOf = (i: number) => 1_700_000_000 + Math.floor(i / 5) * 60;
const idOf = (i: number) => ((i * 2_654_435_761) % 4_294_967_291).toString(16).padStart(8, "0") + i.toString(16).padStart(16, "0");

function scatteredSource(): SearchSource {
  const record = (i: number): Rec => ({ type: "contact", id: idOf(i), created_at: timeOf(i) - 5000, updated_at: timeOf(i) });
  return {
    stream: "contacts",
    baseCount: COUNT,
    base: record,
    baseTime: (field: RangeField, i: number) => (field === "created_at" ? timeOf(i) - 5000 : timeOf(i)),
    baseId: idOf,
    idsRiseWithIndex: false,
    overlay: new Map(),
    version: 0,
  };
}

function pageThrough(field: string, order: "ascending" | "descending"): Rec[] {
  const source = scatteredSource();
  const query = compileQuery({ field: "updated_at", operator: ">", value: 0 }, { stream: "contacts", timezone: "UTC", exactSeconds: true });
  const found: Rec[] = [];
  let cursor: { value: unknown; id: string } | undefined;
  for (let pages = 0; pages < 200; pages++) {
    const page = runSearch(source, query, "all", { field, order }, 7, cursor);
    found.push(...page.records);
    if (!page.next) return found;
    cursor = page.next;
  }
  throw new Error("paging did not end");
}

describe("search over scattered ids", () => {
  expect(new Set(Array.from({ length: COUNT }, (_, i) => idOf(i))).size).toBe(COUNT);
  for (const field of ["updated_at", "created_at", "id"]) {
    for (const order of ["ascending", "descending"] as const) {
      test(`sorted by ${field}, ${order}: every record once, in (${field}, id) order across pages of 7`, () => {
        const found = pageThrough(field, order);
        expect(found.length).toBe(COUNT);
        expect(new Set(found.map((r) => r.id)).size).toBe(COUNT);
        const key = (r: Rec) => [field === "id" ? String(r.id) : (r[field] as number), String(r.id)] as const;
        for (let k = 1; k < found.length; k++) {
          const [a, b] = [key(found[k - 1]!), key(found[k]!)];
          const cmp = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
          expect(order === "ascending" ? cmp < 0 : cmp > 0).toBe(true);
        }
      });
    }
  }
});
