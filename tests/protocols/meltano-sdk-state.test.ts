/**
 * State written by Meltano SDK taps (MeltanoLabs' and TicketSwap's tap-intercom among them) is taken over:
 * `{"bookmarks": {stream: {"replication_key", "replication_key_value"}}}`, the signpost and progress markers of an
 * interrupted run, `starting_replication_value`, and per-partition bookmarks under `partitions`
 * (meltano/sdk docs/implementation/state.md). Before, each of them was refused (exit 2).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { parseStateInput } from "../../src/protocols/airbyte/state-input.ts";
import { runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;
const mapped = (state: unknown) =>
  Object.fromEntries(Object.entries(parseStateInput(state).streams).map(([name, m]) => [name, m.problems.length ? m.problems : m.progress?.cursor]));

const AT = "2024-03-01T12:00:00+00:00";
const SECONDS = Date.parse(AT) / 1000;

describe("Meltano SDK bookmarks", () => {
  test("replication_key + replication_key_value, with a signpost and progress markers", () => {
    expect(
      mapped({
        bookmarks: {
          contacts: { replication_key: "updated_at", replication_key_value: AT },
          conversations: {
            replication_key: "updated_at",
            replication_key_value: SECONDS,
            replication_key_signpost: "2024-03-02T00:00:00+00:00",
            progress_markers: {
              Note: "Progress is not resumable if interrupted.",
              replication_key: "updated_at",
              replication_key_value: "2024-03-02T00:00:00+00:00",
            },
          },
          activity_logs: { replication_key: "created_at", replication_key_value: AT },
          admins: {},
        },
      }),
    ).toEqual({ contacts: SECONDS, conversations: SECONDS, activity_logs: SECONDS, admins: undefined });
  });

  test("an interrupted run's starting_replication_value, and partitions (the earliest wins)", () => {
    expect(
      mapped({
        bookmarks: {
          contacts: {
            starting_replication_value: AT,
            progress_markers: { replication_key: "updated_at", replication_key_value: "2030-01-01T00:00:00Z" },
          },
          conversation_parts: {
            partitions: [
              { context: { conversation_id: "1" }, replication_key: "updated_at", replication_key_value: "2024-04-01T00:00:00Z" },
              { context: { conversation_id: "2" }, replication_key: "updated_at", replication_key_value: AT },
            ],
          },
          tickets: { replication_key: "updated_at", replication_key_value: null, starting_replication_value: AT },
        },
      }),
    ).toEqual({ contacts: SECONDS, conversation_parts: SECONDS, tickets: SECONDS });
  });

  test("what still cannot be understood is named: another replication key, an unreadable value, a partition without one", () => {
    const result = mapped({
      bookmarks: {
        contacts: { replication_key: "created_at", replication_key_value: AT },
        tickets: { replication_key: "updated_at", replication_key_value: "soon" },
        conversation_parts: { partitions: [{ context: { conversation_id: "1" } }, "x"] },
      },
    });
    expect(result.contacts).toEqual(['"replication_key" is "created_at", not "updated_at"']);
    expect(result.tickets).toEqual(['"replication_key_value" is "soon", not a unix time or ISO 8601 date']);
    expect(result.conversation_parts).toEqual(['"partitions[0]" holds no "replication_key_value"', '"partitions[1]" is not an object']);
  });
});

describe("singer --state with an SDK tap's state", () => {
  let fake: RunningFakeIntercom;
  beforeAll(async () => {
    fake = await startFake();
  });
  afterAll(() => fake.close());

  test("is accepted (exit 0) and resumes from its bookmark: no contact is sent again", async () => {
    const dir = tempDir().dir;
    const config = writeJson(dir, "config.json", { base_url: fake.url, start_date: "2000-01-01" });
    const now = new Date(fake.workspace.now * 1000).toISOString();
    const state = writeJson(dir, "state.json", { bookmarks: { contacts: { replication_key: "updated_at", replication_key_value: now } } });
    const catalog = writeJson(dir, "catalog.json", {
      streams: [{ tap_stream_id: "contacts", metadata: [{ breadcrumb: [], metadata: { selected: true } }] }],
    });
    const run = await runCliMessages(["singer", "--config", config, "--catalog", catalog, "--state", state], {
      env: { INTERCOM_ACCESS_TOKEN: "test-token" },
    });
    expect({ code: run.exitCode, stderr: run.exitCode === 0 ? "" : run.stderr }).toEqual({ code: 0, stderr: "" });
    expect(run.messages.filter((m: Message) => m.type === "RECORD")).toEqual([]);
    expect((run.messages.filter((m: Message) => m.type === "STATE").at(-1) as Message).value.bookmarks.contacts.cursor).toBeGreaterThanOrEqual(
      fake.workspace.now - 86_400,
    );
  });
});
