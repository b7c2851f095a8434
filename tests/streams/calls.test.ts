/**
 * Calls (API 2.14): every call once, exactly the fake's, over pages of at most 25, asked with Intercom-Version
 * 2.14 on a 2.11 run; and a workspace without calls (its plan answers 404, or 403) is said once in the run's
 * warnings and completes — through the engine and through the CLI (exit 0).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";

describe("a workspace with calls", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { calls: 12, listPageSize: 5 } });
  });
  afterAll(async () => {
    await fake.close();
  });

  test("every call once, over several pages, asked with 2.14 on a 2.11 run", async () => {
    const { result, sink } = await syncWith(fake, ["calls"], { intercomVersion: "2.11" });
    expect(result.outcome).toBe("ok");
    expect(result.mismatches).toEqual([]);
    const exported = sink.all("calls").map((record) => String(record.id));
    expect(exported.length).toBe(12);
    expect(exported.sort()).toEqual([...fake.workspace.records("calls")].map((record) => String(record.id)).sort());
    expect(fake.stats.byRoute["GET /calls"]).toBe(3);
    expect(Object.keys(fake.stats.versionsByRoute["GET /calls"]!)).toEqual(["2.14"]);
  });
});

describe("call transcripts (POST /calls/search, 20 conversations a request)", () => {
  let fake: RunningFake;
  beforeAll(async () => {
    fake = await startFake({ sizes: { calls: 25, conversations: 45 } });
  });
  afterAll(async () => {
    await fake.close();
  });

  test("opt-in; named, the calls of the conversations read, with transcripts, one request per 20 conversations", async () => {
    const before = fake.stats.byRoute["POST /calls/search"] ?? 0;
    await syncWith(fake, ["conversations"]);
    expect(fake.stats.byRoute["POST /calls/search"] ?? 0).toBe(before);

    const { result, sink } = await syncWith(fake, ["conversations", "call_transcripts"], { intercomVersion: "2.11" });
    expect(result.outcome).toBe("ok");
    expect(result.mismatches).toEqual([]);
    const exported = sink.all("call_transcripts");
    expect(exported.map((record) => String(record.id)).sort()).toEqual(
      [...fake.workspace.records("call_transcripts")].map((record) => String(record.id)).sort(),
    );
    expect(exported.some((record) => Array.isArray(record.transcript) && record.transcript.length > 0)).toBe(true);
    expect((fake.stats.byRoute["POST /calls/search"] ?? 0) - before).toBe(Math.ceil(45 / 20));
    expect(Object.keys(fake.stats.versionsByRoute["POST /calls/search"]!)).toEqual(["2.14"]);
  });
});

describe("a workspace without calls", () => {
  test("404: one warning, nothing exported, the other streams read, the run ok", async () => {
    const fake = await startFake({ without: ["calls"] });
    try {
      const { result, sink } = await syncWith(fake, ["calls", "admins"]);
      expect(result.outcome).toBe("ok");
      const calls = result.streams.find((stream) => stream.name === "calls")!;
      expect(calls.outcome).toBe("ok");
      expect(calls.warnings).toHaveLength(1);
      expect(calls.warnings[0]).toContain("this workspace has no calls");
      expect(sink.all("calls")).toEqual([]);
      expect(sink.all("admins").length).toBeGreaterThan(0);
    } finally {
      await fake.close();
    }
  });

  test("403 (a plan without the feature): the same", async () => {
    const fake = await startFake({ tokens: { "test-token": { missing: ["Read conversations"] } } });
    try {
      const { result } = await syncWith(fake, ["calls"]);
      expect(result.outcome).toBe("ok");
      expect(result.streams[0]!.warnings).toEqual([expect.stringContaining("GET /calls answered 403")]);
    } finally {
      await fake.close();
    }
  });

  test("call transcripts: one warning, however many batches, the run ok", async () => {
    // Batches already under way when the first 404 comes back are asked too; none after.
    const fake = await startFake({ without: ["calls"], sizes: { conversations: 45 } });
    try {
      const { result } = await syncWith(fake, ["conversations", "call_transcripts"], { childConcurrency: 1 });
      expect(result.outcome).toBe("ok");
      expect(result.streams.find((stream) => stream.name === "call_transcripts")!.warnings).toEqual([
        expect.stringContaining("this workspace has no calls"),
      ]);
      expect(fake.stats.byRoute["POST /calls/search"]).toBeLessThanOrEqual(Math.ceil(45 / 20));
    } finally {
      await fake.close();
    }
  });

  test("through the CLI: exit 0, the warning said once", async () => {
    const fake = await startFakeIntercom({ now: pastNow(), without: ["calls"] });
    try {
      await withTempDir(async (dir) => {
        // Without --quiet, so the warnings are printed.
        const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", "calls,teams"]).filter((arg) => arg !== "--quiet");
        const run = await runCli(args);
        expect({ exitCode: run.exitCode, stderr: run.stderr }).toMatchObject({ exitCode: 0 });
        expect(run.stderr.split("this workspace has no calls").length - 1).toBe(1);
        expect(run.stdout).toContain('"stream":"teams"');
      });
    } finally {
      await fake.close();
    }
  });
});
