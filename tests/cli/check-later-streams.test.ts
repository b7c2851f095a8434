/**
 * `check` on the streams of later API versions: each probe (a child's too) is asked with the stream's first
 * version on a 2.11 run, each row names the permission the stream needs, and a workspace without calls is
 * reported ok with the reason, as a sync treats it.
 */
import { expect, test } from "bun:test";
import { checkStreams } from "../../src/check/check-streams.ts";
import { startFakeIntercom } from "../../src/fake/mod.ts";
import { createApiClient } from "../../src/http/client.ts";
import { selectStreams } from "../../src/streams/select.ts";

const NOW = 1_767_225_600;

test("probes ask with each stream's first version on a 2.11 run; rows name each stream's permission", async () => {
  const fake = await startFakeIntercom({ sizes: { conversations: 5 } });
  try {
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests", intercomVersion: "2.11" });
    const streams = selectStreams(["ticket_states", "brands", "calls", "handling_events"]);
    const rows = await checkStreams({ client, streams, now: NOW, intercomVersion: "2.11" });
    expect(rows.map((row) => [row.stream, row.status, row.permission])).toEqual(streams.map((stream) => [stream.name, "ok", stream.permission]));
    expect(Object.keys(fake.stats.versionsByRoute["GET /ticket_states"]!)).toEqual(["2.14"]);
    expect(Object.keys(fake.stats.versionsByRoute["GET /brands"]!)).toEqual(["2.16"]);
    expect(Object.keys(fake.stats.versionsByRoute["GET /calls"]!)).toEqual(["2.14"]);
    expect(Object.keys(fake.stats.versionsByRoute["GET /conversations/{id}/handling_events"]!)).toEqual(["2.16"]);
  } finally {
    await fake.close();
  }
});

test("a workspace without calls: ok, saying it has none", async () => {
  const fake = await startFakeIntercom({ without: ["calls"] });
  try {
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests" });
    const rows = await checkStreams({ client, streams: selectStreams(["calls"]), now: NOW });
    expect(rows).toEqual([{ stream: "calls", permission: "Read conversations", status: "ok", reason: "this workspace has no calls (HTTP 404)" }]);
  } finally {
    await fake.close();
  }
});

test("merge history, read for users only, is not tried with a lead (which answers 404)", async () => {
  // Seed 1's first contact is a lead.
  const fake = await startFakeIntercom({ seed: 1 });
  try {
    const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests" });
    const [row] = await checkStreams({ client, streams: selectStreams(["contact_merge_history"]), now: NOW });
    expect(row!.status).toBe("ok");
    expect(fake.stats.byRoute["GET /contacts/{id}/merge_history"]).toBeUndefined();
  } finally {
    await fake.close();
  }
});

test("custom_object_instances: tried with the first record the first conversation refers to, with 2.14; none to try is ok", async () => {
  for (const customObjectInstances of [12, 0]) {
    // With 3 conversations the one the probe reads first refers to an instance (the fake is deterministic).
    const fake = await startFakeIntercom({ sizes: { conversations: 3, customObjectInstances } });
    try {
      const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests", intercomVersion: "2.11" });
      const rows = await checkStreams({ client, streams: selectStreams(["custom_object_instances"]), now: NOW, intercomVersion: "2.11" });
      expect(rows.map((row) => [row.status, row.permission])).toEqual([["ok", "Read conversations"]]);
      const asked = fake.stats.versionsByRoute["GET /custom_object_instances/{id}/{id}"];
      if (customObjectInstances === 0) {
        expect(asked).toBeUndefined();
        expect(rows[0]!.reason).toBe("the first conversations record refers to no record to try");
      } else {
        expect(Object.keys(asked ?? {})).toEqual(["2.14"]);
      }
    } finally {
      await fake.close();
    }
  }
});

test("content_receipts: probed by the status of a job that does not exist (no job made); 404 is ok, 403 is missing", async () => {
  for (const missing of [[], ["Read conversations"]]) {
    const fake = await startFakeIntercom({ tokens: { "test-token": { missing } } });
    try {
      const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests" });
      const rows = await checkStreams({ client, streams: selectStreams(["content_receipts"]), now: NOW });
      expect(rows.map((row) => [row.status, row.permission])).toEqual([[missing.length === 0 ? "ok" : "missing", "Read conversations"]]);
      expect(fake.stats.byRoute["POST /export/content/data"]).toBeUndefined();
      expect(fake.stats.byRoute["GET /export/content/data/{id}"]).toBe(1);
    } finally {
      await fake.close();
    }
  }
});

test("content_events: its parent's probe stands for it (the same job), said without a reason", async () => {
  for (const missing of [[], ["Read conversations"]]) {
    const fake = await startFakeIntercom({ tokens: { "test-token": { missing } } });
    try {
      const client = createApiClient({ baseUrl: fake.url, token: "test-token", userAgent: "tests" });
      const rows = await checkStreams({ client, streams: selectStreams(["content_events"]), now: NOW });
      expect(rows.map((row) => [row.status, row.reason])).toEqual([
        missing.length === 0 ? ["ok", ""] : ["missing", expect.stringContaining("(reading content_receipts)")],
      ]);
      expect(fake.stats.byRoute["POST /export/content/data"]).toBeUndefined();
    } finally {
      await fake.close();
    }
  }
});
