import { describe, expect, test } from "bun:test";
import * as v from "valibot";
import { emptyState, SyncStateSchema } from "../../src/state/schema.ts";

const valid = (value: unknown) => v.safeParse(SyncStateSchema, value).success;
const withStream = (stream: unknown) => ({
  ...emptyState({ baseUrl: "https://api.intercom.io" }),
  streams: { s: stream },
});

describe("SyncStateSchema", () => {
  test("an empty first-run state is valid", () => {
    expect(valid(emptyState({ baseUrl: "http://127.0.0.1:43121" }))).toBe(true);
  });

  test("cursors must be whole, non-negative unix seconds, not milliseconds", () => {
    expect(valid(withStream({ cursor: 1_714_557_300 }))).toBe(true);
    expect(valid(withStream({ cursor: 1_714_557_300.5 }))).toBe(false);
    expect(valid(withStream({ cursor: -1 }))).toBe(false);
    expect(valid(withStream({ cursor: 1_714_557_300_000 }))).toBe(false);
  });

  test("a window must not end before it starts", () => {
    expect(valid(withStream({ windows: [{ start: 10, end: 10 }] }))).toBe(true);
    expect(valid(withStream({ windows: [{ start: 11, end: 10 }] }))).toBe(false);
  });

  test("the base URL must be a URL and the version must be 1", () => {
    expect(valid(emptyState({ baseUrl: "not a url" }))).toBe(false);
    expect(valid({ ...emptyState({ baseUrl: "https://api.intercom.io" }), version: 2 })).toBe(false);
  });

  test("unknown keys are dropped", () => {
    const result = v.parse(SyncStateSchema, { ...emptyState({ baseUrl: "https://api.intercom.io" }), extra: 1 });
    expect(result).not.toHaveProperty("extra");
  });
});
