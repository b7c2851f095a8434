/**
 * Field selection, as Meltano and Airbyte ask for it: a deselected field appears in no SCHEMA and no RECORD, while
 * the automatic ones (keys, the replication key, the deleted-at marker) always do — deletions included.
 * - Singer (`--catalog`, `--properties`): Meltano's `select` rules (`contacts.id`, `contacts.email`,
 *   `contacts.updated_at`) write `selected: true` on those properties and `selected: false` on every other one.
 * - Airbyte: a configured stream whose `json_schema` lists fewer properties gets records with only those.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { createAirbyteReadOutput } from "../../src/protocols/airbyte/read-output.ts";
import { createMessageWriter } from "../../src/protocols/message-writer.ts";
import { createSingerOutput } from "../../src/protocols/singer/output.ts";
import { parseSelection } from "../../src/protocols/singer/catalog.ts";
import { protocolStreamInfo } from "../../src/protocols/stream-info.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { type MessagesResult, runCli, runCliMessages } from "../helpers/run-cli.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { startFake, writeJson } from "./helpers.ts";

type Message = Record<string, any>;

const CHOSEN = ["id", "email", "updated_at"];

let fake: RunningFakeIntercom;
let dir: string;
let discovered: Message;

/** Meltano's selection for `select: [contacts.id, contacts.email, contacts.updated_at, contact_tags.contact_id]`. */
function meltanoCatalog(): Message {
  const catalog = structuredClone(discovered);
  const chosen: Record<string, string[]> = { contacts: CHOSEN, contact_tags: ["contact_id"] };
  for (const entry of catalog.streams) {
    const fields = chosen[entry.tap_stream_id];
    for (const item of entry.metadata) {
      if (item.breadcrumb.length === 0) item.metadata.selected = fields !== undefined;
      else if (fields !== undefined) item.metadata.selected = fields.includes(item.breadcrumb[1]);
    }
  }
  return catalog;
}

const tap = (...args: string[]) =>
  runCliMessages(["singer", "--config", writeJson(dir, "config.json", { start_date: "2000-01-01T00:00:00Z", base_url: fake.url }), ...args], {
    env: { INTERCOM_ACCESS_TOKEN: "test-token" },
  });
const singerRecords = (run: MessagesResult, stream: string) =>
  run.messages.filter((m: Message) => m.type === "RECORD" && m.stream === stream).map((m: Message) => m.record);
const singerSchema = (run: MessagesResult, stream: string) =>
  run.messages.find((m: Message) => m.type === "SCHEMA" && m.stream === stream) as Message;
const fieldsOf = (records: Message[]) => [...new Set(records.flatMap((record) => Object.keys(record)))].sort();

beforeAll(async () => {
  fake = await startFake();
  dir = tempDir().dir;
  discovered = JSON.parse((await runCli(["singer", "--config", writeJson(dir, "discover.json", {}), "--discover"])).stdout);
}, 60_000);
afterAll(() => fake.close());

describe("singer: Meltano's select rules", () => {
  test("discover marks keys, the replication key and the deletion marker automatic, every other field available", () => {
    const contacts = discovered.streams.find((entry: Message) => entry.tap_stream_id === "contacts");
    const inclusion = Object.fromEntries(
      contacts.metadata.filter((m: Message) => m.breadcrumb.length === 2).map((m: Message) => [m.breadcrumb[1], m.metadata.inclusion]),
    );
    const automatic = Object.keys(inclusion).filter((field) => inclusion[field] === "automatic").sort();
    expect(automatic).toEqual(["_sdc_deleted_at", "id", "updated_at"]);
    expect(inclusion.email).toBe("available");
  });

  for (const flag of ["--catalog", "--properties"]) {
    test(`${flag}: no deselected field in any SCHEMA or RECORD; keys and the replication key always there`, async () => {
      const run = await tap(flag, writeJson(dir, `selected${flag}.json`, meltanoCatalog()));
      expect({ code: run.exitCode, stderr: run.exitCode === 0 ? "" : run.stderr }).toEqual({ code: 0, stderr: "" });
      expect(Object.keys(singerSchema(run, "contacts").schema.properties).sort()).toEqual(["_sdc_deleted_at", ...CHOSEN].sort());
      const contacts = singerRecords(run, "contacts");
      expect(contacts.length).toBeGreaterThan(0);
      expect(fieldsOf(contacts)).toEqual([...CHOSEN].sort());
      // A link stream: its key (contact_id + id) and its replication key (its contact's updated_at) are automatic.
      const linkFields = ["contact_id", "contact_updated_at", "id"];
      expect(Object.keys(singerSchema(run, "contact_tags").schema.properties).sort()).toEqual(["_sdc_deleted_at", ...linkFields]);
      expect(fieldsOf(singerRecords(run, "contact_tags"))).toEqual(linkFields);
      expect(run.messages.filter((m: Message) => m.type === "SCHEMA").map((m: Message) => m.stream).sort()).toEqual(["contact_tags", "contacts"]);
    }, 60_000);
  }

  test("the selection rules: automatic always, unsupported never, selected, then selected-by-default, else the stream's", () => {
    const property = (name: string, metadata: Message) => ({ breadcrumb: ["properties", name], metadata });
    const selection = parseSelection({
      streams: [
        {
          tap_stream_id: "contacts",
          metadata: [
            { breadcrumb: [], metadata: { selected: true } },
            property("id", { inclusion: "available", selected: false }), // our key: automatic whatever the catalog says
            property("email", { inclusion: "automatic", selected: false }),
            property("name", { inclusion: "unsupported", selected: true }),
            property("phone", { selected: true }),
            property("role", { "selected-by-default": true }),
            property("os", { "selected-by-default": false }),
            property("browser", { selected: false, "selected-by-default": true }),
            { breadcrumb: ["properties", "location", "properties", "city"], metadata: { selected: true } },
          ],
        },
      ],
    });
    const kept = selection.fields.get("contacts")!;
    expect(["id", "updated_at", "_sdc_deleted_at", "email", "phone", "role", "location", "avatar"].filter((f) => !kept.has(f))).toEqual([]);
    expect(["name", "os", "browser"].filter((f) => kept.has(f))).toEqual([]);
  });

  test("a stream whose metadata selects every field is not filtered", () => {
    const selection = parseSelection({ streams: [{ tap_stream_id: "admins", metadata: [{ breadcrumb: [], metadata: { selected: true } }] }] });
    expect(selection.fields.has("admins")).toBe(false);
  });
});

describe("airbyte: a configured json_schema with fewer properties", () => {
  let run: MessagesResult;
  beforeAll(async () => {
    const config = writeJson(dir, "airbyte-config.json", { access_token: "test-token", base_url: fake.url });
    const trimmed = (name: string, fields: string[]) => {
      const schema = protocolStreamInfo(streamByName(name)!, "_ab_cdc_deleted_at").schema;
      return { ...schema, properties: Object.fromEntries(fields.map((field) => [field, schema.properties![field]])) };
    };
    const catalog = writeJson(dir, "airbyte-catalog.json", {
      streams: [
        {
          stream: { name: "contacts", json_schema: trimmed("contacts", ["id", "email"]) },
          sync_mode: "incremental",
          cursor_field: ["updated_at"],
          destination_sync_mode: "append_dedup",
          primary_key: [["id"]],
        },
        { stream: { name: "admins", json_schema: {} }, sync_mode: "full_refresh", destination_sync_mode: "overwrite" },
      ],
    });
    run = await runCliMessages(["airbyte", "read", "--config", config, "--catalog", catalog]);
  }, 60_000);

  const records = (stream: string) =>
    run.messages.filter((m: Message) => m.type === "RECORD" && m.record.stream === stream).map((m: Message) => m.record.data);

  test("records carry only the configured fields, plus the key and the cursor", () => {
    expect(run.exitCode).toBe(0);
    expect(records("contacts").length).toBeGreaterThan(0);
    expect(fieldsOf(records("contacts"))).toEqual(["email", "id", "updated_at"]);
  });

  test("a json_schema without properties keeps every field", () => {
    expect(fieldsOf(records("admins"))).toContain("email");
    expect(fieldsOf(records("admins")).length).toBeGreaterThan(5);
  });
});

describe("deletions keep their key, cursor and marker under a selection (the outputs add the automatic fields)", () => {
  const deletion = { key: { id: "512" }, deletedAt: 1_734_537_460 };
  const contacts = protocolStreamInfo(streamByName("contacts")!);
  const onlyEmail = new Map([["contacts", new Set(["email"])]]);

  async function lines(write: (out: WritableStream<Uint8Array>) => Promise<void>): Promise<Message[]> {
    const chunks: Uint8Array[] = [];
    await write(new WritableStream({ write: (chunk) => void chunks.push(chunk) }));
    return new TextDecoder()
      .decode(Buffer.concat(chunks))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
  }

  test("singer", async () => {
    const messages = await lines(async (stream) => {
      const { sink } = createSingerOutput(stream, memoryStateStore(), () => 0, {}, onlyEmail);
      await sink.open([contacts]);
      await sink.write("contacts", [{ id: "1", email: "a@example.test", name: "A", updated_at: 5, field_intercom_adds_later: 1 }], [deletion]);
      await sink.close();
    });
    expect(Object.keys(messages[0]!.schema.properties).sort()).toEqual(["_sdc_deleted_at", "email", "id", "updated_at"]);
    expect(messages.slice(1).map((m) => m.record)).toEqual([
      { id: "1", email: "a@example.test", updated_at: 5 },
      { id: "512", updated_at: 1_734_537_460, _sdc_deleted_at: "2024-12-18T15:57:40.000Z" },
    ]);
  });

  test("airbyte", async () => {
    const messages = await lines(async (stream) => {
      const out = createMessageWriter(stream);
      const { sink } = createAirbyteReadOutput(out, memoryStateStore(), () => 0, onlyEmail);
      await sink.open([contacts]);
      await sink.write("contacts", [{ id: "1", email: "a@example.test", name: "A", updated_at: 5, field_intercom_adds_later: 1 }], [deletion]);
      await out.close();
    });
    expect(messages.filter((m) => m.type === "RECORD").map((m) => m.record.data)).toEqual([
      { id: "1", email: "a@example.test", updated_at: 5 },
      { id: "512", updated_at: 1_734_537_460, _ab_cdc_deleted_at: "2024-12-18T15:57:40.000Z" },
    ]);
  });
});
