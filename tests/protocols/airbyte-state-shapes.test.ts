/**
 * Every state shape the Airbyte Intercom connector has written maps onto our cursor; what cannot be understood is
 * named, and refused unless the stream is read in full (tests/protocols/airbyte-intercom-states.ts cites them).
 */
import { describe, expect, test } from "bun:test";
import { parseStateInput } from "../../src/protocols/airbyte/state-input.ts";
import { parseCursorValue } from "../../src/protocols/cursor-value.ts";
import { planResume } from "../../src/protocols/resume-plan.ts";
import { mapStreamState } from "../../src/protocols/stream-state.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { ABNORMAL_STATE, DATE_RANGE_STATE, GLOBAL_SUBSTREAM_PARTS_STATE, MIGRATED_PARTS_STATE, SAMPLE_STATE } from "./airbyte-intercom-states.ts";

const map = (name: string, blob: unknown) => mapStreamState(streamByName(name)!, blob);
const cursors = (value: unknown) =>
  Object.fromEntries(
    Object.entries(parseStateInput(value).streams).map((
      [name, mapped],
    ) => [name, mapped.problems.length ? mapped.problems : mapped.progress?.cursor]),
  );

describe("cursor values", () => {
  test("integer, digit string, ISO with and without fraction or offset, date only, milliseconds", () => {
    for (
      const value of [
        1700000000,
        "1700000000",
        "2023-11-14T22:13:20Z",
        "2023-11-14T22:13:20.000Z",
        "2023-11-14T22:13:20+00:00",
        "2023-11-14 22:13:20",
        1700000000000,
        "1700000000000",
      ]
    ) {
      expect({ value, seconds: parseCursorValue(value) }).toEqual({ value, seconds: 1700000000 });
    }
    expect(parseCursorValue("2023-11-14")).toBe(Date.UTC(2023, 10, 14) / 1000);
    expect(parseCursorValue("2023-11-15T00:13:20+02:00")).toBe(1700000000);
    for (const value of ["yesterday", "", -1, null, {}, "17e8", Number.NaN]) expect(parseCursorValue(value)).toBeUndefined();
  });
});

describe("the connector's own states", () => {
  test("sample_state.json (legacy object): substreams resume from their parent's cursor; company_segments from its own", () => {
    expect(cursors(SAMPLE_STATE)).toEqual({
      companies: 1626086649,
      company_segments: 1648469610,
      conversations: 1632835061,
      conversation_parts: 1632835061,
      contacts: 1626086649,
      segments: 1626086649,
    });
  });

  test("abnormal_state.json (per-stream messages, activity_logs on created_at, a cursor in 2211)", () => {
    expect(cursors(ABNORMAL_STATE)).toEqual({
      segments: 7626086649,
      companies: 7626086649,
      company_segments: 7626086649,
      conversations: 7626086649,
      conversation_parts: 7626086649,
      contacts: 7626086649,
      activity_logs: 7626086649,
    });
  });

  test("the migrated substream state: parent_state wins, prior_state is ignored", () => {
    expect(map("conversation_parts", MIGRATED_PARTS_STATE)).toEqual({ progress: { cursor: 1744153060 }, problems: [] });
  });

  test("the global substream cursor with digit strings: the parent's cursor decides which conversations are read", () => {
    expect(map("conversation_parts", GLOBAL_SUBSTREAM_PARTS_STATE)).toEqual({ progress: { cursor: 1699990000 }, problems: [] });
    // Without parent_state: the parts' own cursor, then the lowest partition cursor.
    expect(map("conversation_parts", { state: { updated_at: "1700000000" } }).progress).toEqual({ cursor: 1700000000 });
    const partitions = {
      states: [{ partition: { id: "1" }, cursor: { updated_at: "1700000500" } }, { partition: { id: "2" }, cursor: { updated_at: 1700000100 } }],
    };
    expect(map("conversation_parts", partitions).progress).toEqual({ cursor: 1700000100 });
  });

  test("digit-string and ISO cursors of root streams", () => {
    expect(
      cursors({
        contacts: { updated_at: "1700000000" },
        tickets: { updated_at: "2023-11-14T22:13:20Z" },
        activity_logs: { created_at: "1700000000" },
      }),
    ).toEqual({
      contacts: 1700000000,
      tickets: 1700000000,
      activity_logs: 1700000000,
    });
  });

  test("the concurrent date-range form: the end of the first contiguous slices", () => {
    expect(map("contacts", DATE_RANGE_STATE).progress).toEqual({ cursor: 1700086400 });
    expect(map("conversation_parts", { parent_state: { conversations: DATE_RANGE_STATE } }).progress).toEqual({ cursor: 1700086400 });
  });

  test("GLOBAL state messages carry per-stream states too", () => {
    const global = {
      type: "GLOBAL",
      global: { shared_state: {}, stream_states: [{ stream_descriptor: { name: "contacts" }, stream_state: { updated_at: "1700000000" } }] },
    };
    expect(cursors([global])).toEqual({ contacts: 1700000000 });
  });

  test("streams read whole every run ignore whatever was saved", () => {
    expect(map("admins", { updated_at: 1 })).toEqual({ problems: [] });
    expect(map("tags", { whatever: true })).toEqual({ problems: [] });
  });
});

describe("what cannot be understood is named", () => {
  test("unknown keys, unreadable cursors, the wrong cursor field, a foreign parent", () => {
    expect(map("contacts", { updated_at: 1700000000, synced_through: 5 }).problems).toEqual(['unknown key "synced_through"']);
    expect(map("contacts", { updated_at: "yesterday" }).problems).toEqual(['"updated_at" is "yesterday", not a unix time or ISO 8601 date']);
    expect(map("activity_logs", { updated_at: 1700000000 }).problems).toEqual(['unknown key "updated_at"']);
    expect(map("conversation_parts", { parent_state: { tickets: { updated_at: 1 } } }).problems).toEqual([
      '"parent_state" names "tickets", not conversations',
    ]);
    expect(map("contacts", { state_type: "per-partition" }).problems).toEqual(['"state_type" is "per-partition", not "date-range"']);
    expect(map("contacts", ["1700000000"]).problems).toEqual(["is an array, not an object"]);
    expect(map("contacts", { cursor: 1700000000, extra: 1 }).problems).toEqual(['unknown key "extra"']);
  });

  test("a stream with such a state is refused unless asked in full; unknown streams are only warned about", () => {
    const input = parseStateInput({ contacts: { updated_at: 1700000000, synced_through: 5 }, tickets: { updated_at: "1700000000" }, visitors: {} });
    const streams = selectStreams(["contacts", "tickets"]);
    const plan = planResume(input, streams, new Set());
    expect(plan.refused).toEqual(["contacts"]);
    expect(plan.initial).toEqual({ tickets: { cursor: 1700000000 } });
    expect(plan.warnings).toEqual([
      "the saved state names streams this source does not have, ignored: visitors",
      'cannot understand the saved state of contacts: unknown key "synced_through"',
    ]);
    const full = planResume(input, streams, new Set(["contacts"]));
    expect(full.refused).toEqual([]);
    expect(full.initial).toEqual({ tickets: { cursor: 1700000000 } });
    expect(full.warnings[1]).toContain("reading contacts in full, as asked");
  });
});
