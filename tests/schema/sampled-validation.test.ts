/**
 * The sampling rule: every record of a stream's first pages, then one record in `every` per page (moving with
 * the page number, never none), and everything again where a mismatch shows up.
 */
import { describe, expect, test } from "bun:test";
import { MismatchCounter } from "../../src/schema/mismatch-counter.ts";
import { SampledValidation } from "../../src/schema/sampled-validation.ts";
import { createRecordValidator } from "../../src/schema/validate.ts";

const validate = createRecordValidator({
  type: "object",
  required: ["id", "updated_at"],
  properties: { id: { type: "string" }, updated_at: { type: "integer" } },
});

const good = (n: number) => ({ id: String(n), updated_at: n });
const bad = (n: number) => ({ id: String(n), updated_at: "yesterday" });
const page = (size: number, badAt: readonly number[] = []) =>
  Array.from({ length: size }, (_, index) => (badAt.includes(index) ? bad(index) : good(index)));

function setup(fullPages = 3, every = 8) {
  const counter = new MismatchCounter();
  const sampling = new SampledValidation({ fullPages, every });
  return { counter, sampling, check: (records: unknown[]) => sampling.checkPage("contacts", records, validate, counter) };
}

describe("SampledValidation", () => {
  test("the first pages are checked in full: a bad record anywhere in them is counted", () => {
    const { counter, sampling, check } = setup(3);
    check(page(150, [149]));
    check(page(150, [77]));
    check(page(150, [1]));
    expect(counter.total("contacts")).toBe(3);
    expect(sampling.checked("contacts")).toBe(450);
  });

  test("past them, one record in 8 is checked, the sample moving with the page number", () => {
    const { sampling, check } = setup(3);
    for (let n = 0; n < 3; n++) check(page(150));
    const before = sampling.checked();
    check(page(160)); // page 3: positions 3, 11, 19, …
    expect(sampling.checked() - before).toBe(20);
  });

  test("a field wrong in every record is always caught, on every page, and the whole page is then counted", () => {
    const { counter, check } = setup(3);
    for (let n = 0; n < 3; n++) check(page(150));
    for (let n = 0; n < 20; n++) {
      const everyRecordBad = Array.from({ length: 150 }, (_, index) => bad(index));
      const before = counter.total();
      check(everyRecordBad);
      expect(counter.total() - before).toBe(150);
    }
  });

  test("a short page after clean pages still has a record checked", () => {
    const { counter, check } = setup(3);
    for (let n = 0; n < 3; n++) check(page(150));
    for (let n = 0; n < 4; n++) check(page(150));
    check([bad(0)]); // page 7: offset 7 ≥ its one record, so record 0 is checked
    expect(counter.total()).toBe(1);
  });

  test("a single bad record after clean pages: caught when the sample reaches it, then its page and the next pages in full", () => {
    const { counter, sampling, check } = setup(3);
    for (let n = 0; n < 3; n++) check(page(150));
    check(page(150, [5])); // page 3 samples 3, 11, …: position 5 is not looked at
    expect(counter.total()).toBe(0);
    check(page(150, [12, 100])); // page 4 samples 4, 12, …: 12 is caught, and then 100 (not in the sample)
    expect(counter.total()).toBe(2);
    const before = sampling.checked();
    check(page(150, [1])); // page 5, in full again after the mismatch
    expect(counter.total()).toBe(3);
    expect(sampling.checked() - before).toBe(150);
  });

  test("every: 1 checks every record of every page; empty pages count as none", () => {
    const { counter, sampling, check } = setup(0, 1);
    check([]);
    for (let n = 0; n < 5; n++) check(page(10, [n]));
    expect(counter.total()).toBe(5);
    expect(sampling.checked()).toBe(50);
  });

  test("streams are sampled apart: a new stream starts with full pages", () => {
    const counter = new MismatchCounter();
    const sampling = new SampledValidation({ fullPages: 1, every: 8 });
    sampling.checkPage("contacts", page(150), validate, counter);
    sampling.checkPage("contacts", page(150, [5]), validate, counter); // sampled past its first page: missed
    sampling.checkPage("tickets", page(150, [5]), validate, counter); // first page of its own: caught
    expect(counter.total("contacts")).toBe(0);
    expect(counter.total("tickets")).toBe(1);
  });
});
