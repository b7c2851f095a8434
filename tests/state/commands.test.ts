import { describe, expect, test } from "bun:test";
import { formatState, resetStreams } from "../../src/state/commands.ts";
import { emptyState, type SyncState } from "../../src/state/schema.ts";

function sampleState(): SyncState {
  return {
    version: 1,
    workspace: { baseUrl: "https://api.intercom.io", appId: "app1" },
    streams: {
      contacts: { cursor: 1_714_557_300, lastSyncedAt: 1_714_557_600, outcome: "ok" },
      conversations: {
        cursor: 1_711_929_600,
        windows: [{ start: 1_711_929_600, end: 1_714_521_600, position: "WzE3MTQ1NTczMDAwMDAsIjY2MmYiXQ==" }],
        outcome: "failed",
        error: "TransientError: 5 attempts, last 503",
      },
    },
    lastRun: { startedAt: 1_714_557_000, endedAt: 1_714_557_600, outcome: "partial", toolVersion: "0.1.0" },
  };
}

describe("formatState", () => {
  test("shows each stream's cursor as ISO date and unix seconds, its open window, last sync and outcome", () => {
    const text = formatState(sampleState());
    expect(text).toContain("Workspace: https://api.intercom.io (app app1)");
    expect(text).toContain("Last run:  2024-05-01T09:50:00Z - 2024-05-01T10:00:00Z, partial (intercom-sync 0.1.0)");
    const contacts = text.split("\n").find((line) => line.startsWith("contacts"));
    expect(contacts).toMatch(/^contacts\s+2024-05-01T09:55:00Z \(1714557300\)\s+-\s+2024-05-01T10:00:00Z\s+ok$/);
    const conversations = text.split("\n").find((line) => line.startsWith("conversations"));
    expect(conversations).toContain(
      "2024-04-01T00:00:00Z .. 2024-05-01T00:00:00Z, next page WzE3MTQ1NTczMDAwMDAsIjY2MmYiXQ==",
    );
    expect(text).toContain("Errors:\n  conversations: TransientError: 5 attempts, last 503");
  });

  test("a last run still marked running is shown as possibly killed", () => {
    const state = sampleState();
    state.lastRun = { startedAt: 1_714_557_000, outcome: "running", toolVersion: "0.1.0" };
    expect(formatState(state)).toContain("Last run:  2024-05-01T09:50:00Z, running, or killed before it finished");
  });

  test("columns line up", () => {
    const lines = formatState(sampleState()).split("\n");
    const header = lines.find((line) => line.startsWith("stream"))!;
    const contacts = lines.find((line) => line.startsWith("contacts"))!;
    expect(contacts.indexOf("2024-05-01T09:55:00Z")).toBe(header.indexOf("cursor"));
  });

  test("long page positions (next URLs) are shortened", () => {
    const state = sampleState();
    state.streams.conversations!.windows![0]!.position = `https://api.intercom.io/x?starting_after=${"a".repeat(200)}`;
    expect(formatState(state)).not.toContain("a".repeat(50));
  });

  test("lists catalog streams that were never synced", () => {
    const text = formatState(sampleState(), { streams: ["tickets", "contacts"] });
    expect(text).toMatch(/^tickets\s+never synced/m);
    expect(text.match(/^contacts/gm)).toHaveLength(1);
  });

  test("a stream read on several parents' passes shows each further parent's progress on its own row", () => {
    const state = sampleState();
    state.streams.custom_object_instances = {
      cursor: 1_714_557_300,
      outcome: "ok",
      parents: {
        tickets: {
          cursor: 1_711_929_600,
          windows: [{ start: 1_711_929_600, end: 1_714_521_600, position: "tick3t" }],
          outcome: "failed",
          error: "PermissionError: 403",
        },
      },
    };
    const lines = formatState(state).split("\n");
    const own = lines.find((line) => line.startsWith("custom_object_instances "));
    expect(own).toContain("2024-05-01T09:55:00Z (1714557300)");
    const tickets = lines.find((line) => line.includes("via tickets"));
    expect(tickets).toMatch(
      /^ *custom_object_instances via tickets\s+2024-04-01T00:00:00Z \(1711929600\)\s+2024-04-01T00:00:00Z \.\. 2024-05-01T00:00:00Z, next page tick3t\s+-\s+failed$/,
    );
    expect(formatState(state)).toContain("  custom_object_instances via tickets: PermissionError: 403");
  });

  test("an empty state says the next run exports everything", () => {
    const text = formatState(emptyState({ baseUrl: "https://api.intercom.io" }));
    expect(text).toContain("Last run:  never");
    expect(text).toContain("No stream has been synced yet");
  });
});

describe("resetStreams", () => {
  test("without names forgets every stream and the workspace binding, and keeps the last run", () => {
    const reset = resetStreams(sampleState());
    expect(reset.streams).toEqual({});
    expect(reset.workspace).toEqual({});
    expect(reset.lastRun).toEqual(sampleState().lastRun);
  });

  test("with names forgets only those streams, ignoring names it does not know", () => {
    const reset = resetStreams(sampleState(), ["conversations", "tickets"]);
    expect(Object.keys(reset.streams)).toEqual(["contacts"]);
  });

  test("does not modify the state it was given", () => {
    const state = sampleState();
    resetStreams(state, ["contacts"]);
    resetStreams(state);
    expect(state).toEqual(sampleState());
  });
});
