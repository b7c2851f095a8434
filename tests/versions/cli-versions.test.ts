/**
 * `--intercom-version` is more than a header: it accepts only the versions whose schemas ship, the fake answers
 * in that version's shape, and the run checks records against that version's schemas — so a whole-catalog run
 * on any version reports no mismatch, and 2.16's differences (string owner_id, 0 for unassigned, new
 * priorities) reach the output as Intercom sends them.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { API_VERSIONS } from "../../src/api-versions.ts";
import { EXIT } from "../../src/cli/exit-codes.ts";
import { STREAM_NAMES } from "../../src/streams/catalog.ts";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { pastNow, SMALL_SIZES } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const MISMATCH_WARNING = "differ from the schema";

let fake: RunningFakeIntercom;
beforeAll(async () => {
  fake = await startFakeIntercom({ now: pastNow(), sizes: SMALL_SIZES });
});
afterAll(async () => {
  await fake.close();
});

function args(url: string, state: string, extra: string[]): string[] {
  return ["sync", "--base-url", url, "--token", "test-token", "--state", state, ...extra];
}

type Line = { stream: string; data: Record<string, unknown> };
const parse = (stdout: string): Line[] =>
  stdout
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Line);

describe("--intercom-version", () => {
  test("a version without schemas exits 2, lists the ones there are, and sends nothing", async () => {
    const before = fake.stats.requests;
    await withTempDir(async (dir) => {
      const run = await runCli(args(fake.url, join(dir, "state.json"), ["--intercom-version", "2.13"]));
      expect(run.exitCode).toBe(EXIT.usage);
      expect(run.stderr).toContain("2.13");
      for (const version of API_VERSIONS) expect(run.stderr).toContain(version);
      expect(run.stdout).toBe("");
    });
    expect(fake.stats.requests).toBe(before);
  });

  test("a config file's intercom-version is held to the same list", async () => {
    await withTempDir(async (dir) => {
      const config = join(dir, "config.json");
      await Bun.write(config, JSON.stringify({ "intercom-version": "2.12" }));
      const run = await runCli(args(fake.url, join(dir, "state.json"), ["--config", config]));
      expect(run.exitCode).toBe(EXIT.usage);
      expect(run.stderr).toContain("2.16");
    });
  });

  for (const version of API_VERSIONS) {
    test(`${version}: the whole catalog runs against the fake with ${version} schemas and no mismatch`, async () => {
      const sent = fake.stats.versions[version] ?? 0;
      await withTempDir(async (dir) => {
        // The whole catalog, the opt-in streams included.
        const everyStream = ["--streams", STREAM_NAMES.join(",")];
        const run = await runCli(args(fake.url, join(dir, "state.json"), ["--intercom-version", version, ...everyStream]), { timeoutMs: 60_000 });
        expect(run.stderr).not.toContain(MISMATCH_WARNING);
        expect(run.exitCode).toBe(0);
        const lines = parse(run.stdout);
        expect(new Set(lines.map((line) => line.stream)).size).toBe(STREAM_NAMES.length);
        expectConversationAttributes(lines, version);
        if (version === "2.16") expectShapeOf216(lines);
        if (version === "2.11") expectShapeOf211(lines);
      });
      expect(fake.stats.versions[version] ?? 0).toBeGreaterThan(sent);
    }, 90_000);
  }

  test("Singer SCHEMA messages carry the run's version's schemas", async () => {
    const ownerType = async (version: string) =>
      withTempDir(async (dir) => {
        const run = await runCli(
          args(fake.url, join(dir, "state.json"), ["--intercom-version", version, "--format", "singer", "--streams", "admins,contacts", "-q"]),
        );
        expect(run.exitCode).toBe(0);
        const schema = parse(run.stdout)
          .map((line) => line as unknown as { type: string; stream: string; schema?: { properties: Record<string, { type: unknown }> } })
          .find((message) => message.type === "SCHEMA" && message.stream === "contacts");
        return schema?.schema?.properties.owner_id?.type;
      });
    expect(await ownerType("2.11")).toEqual(["integer", "null"]);
    expect(await ownerType("2.16")).toEqual(["string", "null"]);
  });
});

/**
 * The same attributes, keyed alike, whichever endpoint the version reads them from: 2.16's own endpoint
 * (its records have no model or full_name, which the run adds), GET /data_attributes before.
 */
function expectConversationAttributes(lines: Line[], version: string): void {
  const attributes = records(lines, "conversation_attributes");
  const keys = attributes.map((a) => `${a.model}|${a.full_name}`).sort();
  const expected = [...fake.workspace.records("conversation_attributes")].map((a) => `${a.model}|${a.full_name}`).sort();
  expect(keys).toEqual(expected);
  expect(new Set(keys).size).toBe(keys.length);
  for (const a of attributes) expect(a.type).toBe(version === "2.16" ? "conversation_attribute" : "data_attribute");
}

function records(lines: Line[], stream: string): Record<string, unknown>[] {
  return lines.filter((line) => line.stream === stream).map((line) => line.data);
}

function expectShapeOf216(lines: Line[]): void {
  const owners = records(lines, "contacts").map((c) => c.owner_id).filter((id) => id !== null);
  expect(owners.length).toBeGreaterThan(0);
  for (const owner of owners) expect(typeof owner).toBe("string");
  const conversations = records(lines, "conversations");
  for (const c of conversations) {
    expect(["none", "low", "medium", "high", "urgent"]).toContain(c.priority as string);
    expect(typeof c.admin_assignee_id).toBe("number");
    expect(typeof c.team_assignee_id).toBe("number");
  }
  expect(conversations.some((c) => c.admin_assignee_id === 0)).toBe(true);
  for (const t of records(lines, "tickets")) {
    expect(typeof t.admin_assignee_id).toBe("number");
    expect(typeof t.ticket_state).toBe("object");
  }
}

function expectShapeOf211(lines: Line[]): void {
  const owners = records(lines, "contacts").map((c) => c.owner_id).filter((id) => id !== null);
  for (const owner of owners) expect(typeof owner).toBe("number");
  const conversations = records(lines, "conversations");
  for (const c of conversations) expect(["priority", "not_priority"]).toContain(c.priority as string);
  expect(conversations.some((c) => c.admin_assignee_id === null)).toBe(true);
}
