/**
 * A parent's last link removed, in Singer and Airbyte: the link stream gets a deletion RECORD of the parent with
 * `id` "" (no link), the parent's updated_at as the cursor and the protocol's deleted-at field, so "keep each
 * parent's rows with its greatest <parent>_updated_at" leaves it none. The record holds to the stream's declared
 * schema (every key property present, as targets require). A contact that keeps a tag gets no such record.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import Ajv from "ajv";
import { streamInfo } from "../../src/engine/run-sync.ts";
import { AIRBYTE_DELETED_AT } from "../../src/protocols/deleted-field.ts";
import { asProtocolInfo } from "../../src/protocols/stream-info.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { validateAirbyte, validateSinger } from "../sinks/protocol-shapes.ts";
import { catchUp, pastNow, settle, SMALL_SIZES } from "../helpers/cli-sync.ts";
import { type MessagesResult, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { writeJson } from "./helpers.ts";

type Message = Record<string, any>;
type Row = Record<string, unknown>;

let fake: RunningFakeIntercom;
beforeEach(async () => {
  fake = await startFakeIntercom({ seed: 11, now: pastNow(), sizes: SMALL_SIZES });
});
afterEach(() => fake.close());

/** Two contacts with a short list of two tags or more: the first loses all of them, the second one of them. */
function untagContacts(): { emptied: string; kept: string } {
  const tagged = [...fake.workspace.records("contacts")].filter((record) => {
    const tags = record.tags as { data: Row[]; has_more: boolean };
    return tags.data.length >= 2 && !tags.has_more;
  });
  const [emptied, kept] = tagged as [Row, Row];
  for (const tag of (emptied.tags as { data: Row[] }).data) fake.workspace.untagContact(String(emptied.id), String(tag.id));
  fake.workspace.untagContact(String(kept.id), String((kept.tags as { data: Row[] }).data[0]!.id));
  return { emptied: String(emptied.id), kept: String(kept.id) };
}

function updatedAt(id: string): number {
  return Number([...fake.workspace.records("contacts")].find((record) => String(record.id) === id)!.updated_at);
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();

/** What a JSON Schema validator says of `record` under `schema` (none: it holds). */
function schemaErrors(schema: object, record: object): unknown[] {
  const validate = new Ajv({ strict: false, validateFormats: false }).compile(schema);
  return validate(record) ? [] : (validate.errors ?? []);
}

describe("an emptied list of links in the protocols", () => {
  test('Singer: a RECORD of contact_tags with contact_id, id "", contact_updated_at and _sdc_deleted_at', async () => {
    const dir = tempDir().dir;
    const sync = () =>
      runCliMessages(
        [
          "sync",
          "--format",
          "singer",
          "--base-url",
          fake.url,
          "--state",
          join(dir, "state.json"),
          "--quiet",
          "--streams",
          "contacts,contact_tags",
          "--search-lag-minutes",
          "0",
        ],
        { env: { INTERCOM_ACCESS_TOKEN: "test-token" } },
      );
    const first = await sync();
    expect({ code: first.exitCode, stderr: first.stderr }).toEqual({ code: 0, stderr: "" });
    catchUp(fake);
    const { emptied, kept } = untagContacts();
    await settle();
    const second = await sync();
    expect({ code: second.exitCode, stderr: second.stderr }).toEqual({ code: 0, stderr: "" });
    expect(second.messages.flatMap((message) => validateSinger(message))).toEqual([]);
    const tombstones = second.messages
      .filter((m: Message) => m.type === "RECORD" && m.stream === "contact_tags" && m.record._sdc_deleted_at !== undefined)
      .map((m: Message) => m.record);
    const at = updatedAt(emptied);
    expect(tombstones).toEqual([{ contact_id: emptied, id: "", contact_updated_at: at, _sdc_deleted_at: iso(at) }]);
    const schema = second.messages.find((m: Message) => m.type === "SCHEMA" && m.stream === "contact_tags") as Message;
    expect(schema.key_properties).toEqual(["contact_id", "id"]);
    expect(schemaErrors(schema.schema, tombstones[0])).toEqual([]);
    // The contact that keeps a tag: its newest rows say which, with its new updated_at.
    const keptRows = second.messages.filter((m: Message) => m.type === "RECORD" && m.stream === "contact_tags" && m.record.contact_id === kept);
    expect(keptRows.length).toBeGreaterThan(0);
    for (const row of keptRows as Message[]) expect(row.record.contact_updated_at).toBe(updatedAt(kept));
  }, 60_000);

  test('Airbyte: a RECORD of contact_tags with contact_id, id "", contact_updated_at and _ab_cdc_deleted_at', async () => {
    const dir = tempDir().dir;
    // The search lag of `airbyte read` is its default (5 minutes): the edits are stamped before it, and a day of
    // lookback reads them on the second run.
    const config = writeJson(dir, "config.json", { access_token: "test-token", base_url: fake.url, lookback_window: 1 });
    const catalog = writeJson(dir, "catalog.json", {
      streams: ["contacts", "contact_tags"].map((name) => ({
        stream: { name, json_schema: {}, supported_sync_modes: ["full_refresh", "incremental"] },
        sync_mode: "incremental",
        destination_sync_mode: "append_dedup",
      })),
    });
    const first = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog]);
    expect(first.exitCode).toBe(0);
    fake.workspace.now = Math.floor(Date.now() / 1000) - 600;
    const { emptied } = untagContacts();
    const states = new Map<string, Message>();
    for (const message of first.messages.filter((m: Message) => m.type === "STATE") as Message[]) {
      states.set(message.state.stream.stream_descriptor.name, message.state);
    }
    const second: MessagesResult = await runCliMessages([
      "airbyte",
      "read",
      "--config",
      config,
      "--catalog",
      catalog,
      "--state",
      writeJson(dir, "state.json", [...states.values()]),
    ]);
    expect(second.exitCode).toBe(0);
    expect(second.messages.flatMap((message) => validateAirbyte(message))).toEqual([]);
    const at = updatedAt(emptied);
    const tombstones = second.messages
      .filter((m: Message) => m.type === "RECORD" && m.record.stream === "contact_tags" && m.record.data._ab_cdc_deleted_at !== undefined)
      .map((m: Message) => m.record.data);
    expect(tombstones).toContainEqual({ contact_id: emptied, id: "", contact_updated_at: at, _ab_cdc_deleted_at: iso(at) });
    const schema = asProtocolInfo(streamInfo(streamByName("contact_tags")!), AIRBYTE_DELETED_AT).schema;
    // Each names a contact the run read again with no tags left, and nothing else.
    const reread = new Map(
      second.messages
        .filter((m: Message) => m.type === "RECORD" && m.record.stream === "contacts")
        .map((m: Message) => [m.record.data.id, (m.record.data.tags as { data: Row[] }).data.length] as const),
    );
    for (const tombstone of tombstones) {
      expect(Object.keys(tombstone).sort()).toEqual(["_ab_cdc_deleted_at", "contact_id", "contact_updated_at", "id"]);
      expect(tombstone.id).toBe("");
      expect(schemaErrors(schema, tombstone)).toEqual([]);
      expect(reread.get(tombstone.contact_id)).toBe(0);
    }
  }, 60_000);
});
