/** `intercom-sync check`, run as a child process against the fake Intercom on 127.0.0.1. */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { checkStreams } from "../../src/check/check-streams.ts";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { createApiClient } from "../../src/http/client.ts";
import { STREAM_NAMES } from "../../src/streams/catalog.ts";
import { DEFAULT_STREAMS, selectStreams } from "../../src/streams/select.ts";
import { runCli } from "../helpers/run-cli.ts";
import { TokenEchoedError } from "../../src/errors.ts";

const SECRET = "sekret-9f3a7c-never-print-me";
const LIMITED = "limited-token";
const LACKING = ["Read tickets", "Read admin activity logs"];

/** The stdout table as { stream → status cell }. */
function statuses(stdout: string): Record<string, string> {
  const [header, ...rows] = stdout.trimEnd().split("\n");
  expect(header).toMatch(/^stream\s+Intercom permission\s+status$/);
  const statusAt = header!.indexOf("status");
  return Object.fromEntries(rows.map((row) => [row.split(/\s+/)[0]!, row.slice(statusAt).trim()]));
}

let fake: RunningFakeIntercom;

beforeAll(async () => {
  fake = await startFakeIntercom({
    tokens: { "test-token": {}, [LIMITED]: { missing: LACKING } },
  });
});

afterAll(async () => {
  await fake.close();
});

describe("check", () => {
  test("a token lacking Read tickets and Read admin activity logs: those two are missing, the rest ok, exit 3", async () => {
    const streams = ["activity_logs", "admins", "contacts", "conversations", "conversation_parts", "tags", "tickets"];
    const run = await runCli(["check", "--base-url", fake.url, "--streams", streams.join(",")], { env: { INTERCOM_ACCESS_TOKEN: LIMITED } });
    expect(run.exitCode).toBe(3);
    const table = statuses(run.stdout);
    expect(Object.keys(table)).toEqual(streams);
    expect(table.tickets).toStartWith("missing");
    expect(table.activity_logs).toStartWith("missing");
    for (const name of ["admins", "contacts", "conversations", "conversation_parts", "tags"]) expect(table[name]).toBe("ok");
    // The permission column names the Developer Hub permission of each row.
    expect(run.stdout).toMatch(/^tickets\s+Read tickets\s+missing/m);
    expect(run.stdout).toMatch(/^activity_logs\s+Read admin activity logs\s+missing/m);
    expect(run.stderr).toContain('"Read admin activity logs", "Read tickets"');
  });

  test("with every permission, every stream of the catalog named (opt-in ones too) is ok and the exit code is 0", async () => {
    // The companies pair is probed through GET /companies, never the scroll (one scroll per workspace).
    const run = await runCli(["check", "--base-url", fake.url, "--streams", STREAM_NAMES.join(",")], {
      env: {
        INTERCOM_ACCESS_TOKEN: "test-token",
      },
    });
    expect(run.stderr).toBe(`all ${STREAM_NAMES.length} streams are readable\n`);
    expect(Object.values(statuses(run.stdout))).toEqual(STREAM_NAMES.map(() => "ok"));
    expect(run.exitCode).toBe(0);
  });

  test("with every permission, every stream of the default set is ok and the exit code is 0", async () => {
    // Without --streams, check looks at what a sync would export: the default set (no opt-in streams).
    const run = await runCli(["check", "--base-url", fake.url], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
    expect(statuses(run.stdout)).toEqual(Object.fromEntries(DEFAULT_STREAMS.map((stream) => [stream.name, "ok"])));
    expect(run.exitCode).toBe(0);
  });

  test("a bad token: one message instead of a table of identical rows, exit 3, and the token is printed nowhere", async () => {
    const ways: { env: Record<string, string>; args: string[] }[] = [
      { env: { INTERCOM_ACCESS_TOKEN: SECRET }, args: [] },
      { env: {}, args: ["--token", SECRET] },
    ];
    for (const how of ways) {
      const run = await runCli(["check", "--base-url", fake.url, ...how.args], { env: how.env });
      expect(run.exitCode).toBe(3);
      expect(run.stdout).toBe("");
      expect(run.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain("invalid or revoked");
      expect(run.stdout + run.stderr).not.toContain(SECRET);
      expect(run.stdout + run.stderr).not.toContain("9f3a7c");
    }
  });

  test("companies are checked without opening the company scroll, which would block a real sync", async () => {
    const before = fake.stats.byRoute["GET /companies/scroll"] ?? 0;
    await runCli(["check", "--base-url", fake.url, "--streams", "companies,company_segments"], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
    expect(fake.stats.byRoute["GET /companies/scroll"] ?? 0).toBe(before);
    expect(fake.stats.openScrolls).toBe(0);
  });

  test("a child stream is checked with its parent's request plus one request for the first parent's child", async () => {
    const before = { ...fake.stats.byRoute };
    const run = await runCli(["check", "--base-url", fake.url, "--streams", "conversation_parts"], { env: { INTERCOM_ACCESS_TOKEN: "test-token" } });
    expect(run.exitCode).toBe(0);
    const delta = (route: string) => (fake.stats.byRoute[route] ?? 0) - (before[route] ?? 0);
    expect(delta("POST /conversations/search")).toBe(1);
    expect(delta("GET /conversations/{id}")).toBe(1);
  });

  test("a child whose parent is forbidden is reported missing too, with the parent named", async () => {
    const run = await runCli(["check", "--base-url", fake.url, "--streams", "conversation_parts"], { env: { INTERCOM_ACCESS_TOKEN: LIMITED } });
    expect(run.exitCode).toBe(0); // LIMITED may read conversations
    const noConversations = await startFakeIntercom({ tokens: { t: { missing: ["Read conversations"] } } });
    try {
      const denied = await runCli(["check", "--base-url", noConversations.url, "--streams", "conversation_parts"], {
        env: { INTERCOM_ACCESS_TOKEN: "t" },
      });
      expect(denied.exitCode).toBe(3);
      expect(statuses(denied.stdout).conversation_parts).toMatch(/^missing: .*\(reading conversations\)$/);
    } finally {
      await noConversations.close();
    }
  });

  test("no token at all is a usage error (exit 2) that says which variable to set", async () => {
    const run = await runCli(["check", "--base-url", fake.url]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("INTERCOM_ACCESS_TOKEN");
    expect(run.stdout).toBe("");
  });

  test("a server that keeps failing shows as error with a short reason, not as a missing permission", async () => {
    const broken = await startFakeIntercom({ faults: { serverErrorRate: 1 } });
    try {
      const client = createApiClient({ baseUrl: broken.url, token: "test-token", userAgent: "tests", maxAttempts: 1 });
      const rows = await checkStreams({ client, streams: selectStreams(["admins", "tickets"]), now: 1_767_225_600 });
      expect(rows.map((row) => row.status)).toEqual(["error", "error"]);
      // The last answer, without the stream name the row already shows.
      for (const row of rows) expect(row.reason).toMatch(/^gave up after 1 attempts: (GET|POST) \/\S+ → 5\d\d/);
    } finally {
      await broken.close();
    }
  });

  test("a probe answered with the token in its body ends the check (exit 2 at the CLI) instead of being one row", async () => {
    const server = Bun.serve({
      port: 0,
      hostname: "127.0.0.1",
      fetch: (request) =>
        new URL(request.url).pathname === "/admins"
          ? Response.json({ type: "admin.list", admins: [{ type: "admin", id: "1", note: request.headers.get("authorization") }] })
          : Response.json({ type: "list", data: [] }),
    });
    try {
      const client = createApiClient({ baseUrl: `http://127.0.0.1:${server.port}`, token: SECRET, userAgent: "tests", maxAttempts: 1 });
      const checked = checkStreams({ client, streams: selectStreams(["tags", "admins"]), now: 1_767_225_600 });
      await expect(checked).rejects.toBeInstanceOf(TokenEchoedError);
    } finally {
      await server.stop(true);
    }
  });
});
