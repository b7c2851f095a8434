/**
 * Deletions survive the protocols' state (issue 22, Deliver 4): the keys of a complete read travel inside the
 * STATE messages, so a state passed back as the platforms pass it — Airbyte the last STATE per stream, Singer the
 * last STATE's value — finds companies deleted from a 1,100-company workspace. Nothing is kept beside it: these
 * commands write no state file.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { type MessagesResult, runCli, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { writeJson } from "./helpers.ts";

type Message = Record<string, any>;

let fake: RunningFakeIntercom;
let dir: string;
beforeEach(async () => {
  fake = await startFakeIntercom({
    now: Math.floor(Date.now() / 1000) - 7200,
    sizes: { companies: 1100, contacts: 2, conversations: 1, tickets: 1, maxParts: 1 },
  });
  dir = tempDir().dir;
});
afterEach(() => fake.close());

/** Two companies deleted in the fake; their ids, sorted. */
function deleteTwo(first: number, second: number): string[] {
  const companies = [...fake.workspace.records("companies")];
  const ids = [String(companies[first]!.id), String(companies[second]!.id)];
  for (const id of ids) fake.workspace.deleteRecord("companies", id);
  return ids.sort();
}

function warnings(run: MessagesResult): string {
  return run.stderr + run.messages.filter((m: Message) => m.type === "LOG").map((m: Message) => m.log.message).join("\n");
}

describe("deletions found from the state the platform passes back", () => {
  test("airbyte read: the last STATE of each stream, passed back, yields two deletion records", async () => {
    const config = writeJson(dir, "airbyte-config.json", { access_token: "test-token", base_url: fake.url, lookback_window: 0 });
    const catalog = writeJson(dir, "airbyte-catalog.json", {
      streams: [{
        stream: { name: "companies", json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
        sync_mode: "incremental",
        destination_sync_mode: "append_dedup",
      }],
    });
    const first = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog]);
    expect(first.exitCode).toBe(0);
    const last = new Map<string, Message>();
    for (const message of first.messages.filter((m: Message) => m.type === "STATE") as Message[]) {
      last.set(message.state.stream.stream_descriptor.name, message.state);
    }
    const seen = last.get("companies")!.stream.stream_state.seen;
    expect([seen.count, typeof seen.packed]).toEqual([1100, "string"]);

    const deleted = deleteTwo(3, 1077);
    const second = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      catalog,
      "--state",
      writeJson(dir, "airbyte-state.json", [...last.values()]),
    ]);
    expect(second.exitCode).toBe(0);
    const tombstones = second.messages.filter((m: Message) => m.type === "RECORD" && m.record.data._ab_cdc_deleted_at !== undefined);
    expect(tombstones.map((m: Message) => [m.record.stream, m.record.data.id]).sort()).toEqual(deleted.map((id) => ["companies", id]));
    expect(warnings(second)).not.toContain("found again");
  }, 60_000);

  test("singer: the last STATE's value, passed back with --state, yields two deletion records", async () => {
    const config = writeJson(dir, "singer-config.json", { start_date: "2000-01-01T00:00:00Z", base_url: fake.url });
    const env = { INTERCOM_ACCESS_TOKEN: "test-token" };
    const discovered = JSON.parse((await runCli(["singer", "--config", config, "--discover"], { env: env })).stdout) as Message;
    const catalog = writeJson(dir, "singer-catalog.json", {
      streams: discovered.streams.map((entry: Message) => ({
        ...entry,
        metadata: entry.metadata.map((
          m: Message,
        ) => (m.breadcrumb.length === 0 ? { ...m, metadata: { ...m.metadata, selected: entry.tap_stream_id === "companies" } } : m)),
      })),
    });
    const tap = (...args: string[]) => runCliMessages(["singer", "--config", config, "--catalog", catalog, ...args], { env: env });
    const lastState = (run: MessagesResult) => (run.messages.filter((m: Message) => m.type === "STATE").at(-1) as Message).value;

    const first = await tap();
    expect(first.exitCode).toBe(0);
    const seen = lastState(first).bookmarks.companies.seen;
    expect([seen.count, typeof seen.packed]).toEqual([1100, "string"]);

    const deleted = deleteTwo(10, 1050);
    const second = await tap("--state", writeJson(dir, "singer-state.json", lastState(first)));
    expect(second.exitCode).toBe(0);
    const tombstones = second.messages.filter((m: Message) => m.type === "RECORD" && m.record._sdc_deleted_at !== undefined);
    expect(tombstones.map((m: Message) => [m.stream, m.record.id]).sort()).toEqual(deleted.map((id) => ["companies", id]));
    expect(warnings(second)).not.toContain("found again");
  }, 60_000);
});
