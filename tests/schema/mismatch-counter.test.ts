import { expect, test } from "bun:test";
import { MismatchCounter, OTHER_FIELDS } from "../../src/schema/mismatch-counter.ts";

const wrongId = { field: "id", expected: "string", received: "integer" };
const wrongState = { field: "state", expected: '"open" | "closed"', received: '"pending"' };

test("counts each (field, expected, received) per stream across records", () => {
  const counter = new MismatchCounter();
  counter.add("contacts", [wrongId, wrongState]);
  counter.add("contacts", [wrongId]);
  counter.add("contacts", []);
  counter.add("tickets", [wrongId]);
  expect(counter.summary()).toEqual([
    { stream: "contacts", ...wrongId, count: 2 },
    { stream: "contacts", ...wrongState, count: 1 },
    { stream: "tickets", ...wrongId, count: 1 },
  ]);
  expect(counter.total()).toBe(4);
  expect(counter.total("contacts")).toBe(3);
});

test("the same field with a different received type is a separate row", () => {
  const counter = new MismatchCounter();
  counter.add("contacts", [wrongId]);
  counter.add("contacts", [{ ...wrongId, received: "null" }]);
  expect(counter.summary().map((r) => r.received)).toEqual(["integer", "null"]);
});

test("summary is sorted by stream, then most frequent first, then field", () => {
  const counter = new MismatchCounter();
  counter.add("b", [{ field: "z", expected: "string", received: "null" }]);
  counter.add("a", [{ field: "y", expected: "string", received: "null" }]);
  counter.add("a", [{ field: "x", expected: "string", received: "null" }]);
  counter.add("a", [{ field: "y", expected: "string", received: "null" }]);
  expect(counter.summary().map((r) => `${r.stream}.${r.field}:${r.count}`)).toEqual(["a.y:2", "a.x:1", "b.z:1"]);
});

test("memory stays bounded: past the cap new keys fold into one row and the total stays exact", () => {
  const counter = new MismatchCounter({ maxKeysPerStream: 3 });
  for (let i = 0; i < 10_000; i++) counter.add("contacts", [{ field: `custom.f${i}`, expected: "string", received: "integer" }]);
  counter.add("contacts", [{ field: "custom.f0", expected: "string", received: "integer" }]);
  const rows = counter.summary();
  expect(rows).toHaveLength(4);
  expect(rows[0]).toEqual({ stream: "contacts", field: OTHER_FIELDS, expected: "*", received: "*", count: 9_997 });
  expect(rows.find((r) => r.field === "custom.f0")?.count).toBe(2);
  expect(counter.total("contacts")).toBe(10_001);
});

test("the cap is per stream: one noisy stream does not crowd out another", () => {
  const counter = new MismatchCounter({ maxKeysPerStream: 1 });
  counter.add("noisy", [{ field: "a", expected: "string", received: "null" }, { field: "b", expected: "string", received: "null" }]);
  counter.add("quiet", [wrongId]);
  expect(counter.summary().filter((r) => r.stream === "quiet")).toEqual([{ stream: "quiet", ...wrongId, count: 1 }]);
});
