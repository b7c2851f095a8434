/**
 * Deletions through the real CLI: records deleted in the fake after a first run come out of the second as
 * tombstone lines (JSON lines), `_deleted_at` (SQLite) or records with `_sdc_deleted_at` (Singer) — for streams
 * read whole (missing since the last complete read, deleted_at = the run's start) and for conversations (their
 * deletion feed, deleted_at as Intercom says). The fake's records() is the oracle of what is deleted.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type FakeStreamName, type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { primaryKeyOf, recordKey } from "../helpers/record-key.ts";
import { catchUp, pastNow, settle, SMALL_SIZES, sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const STREAMS = ["admins", "tags", "segments", "contact_attributes", "companies", "company_segments", "conversations", "conversation_parts"];
/** Streams whose deletions are found by comparing complete reads. */
const WHOLE = STREAMS.filter((stream) => !stream.startsWith("conversation"));

let fake: RunningFakeIntercom;
beforeEach(async () => {
  fake = await startFakeIntercom({ seed: 5, now: pastNow(), sizes: SMALL_SIZES });
});
afterEach(() => fake.close());

function keysOf(stream: string): Set<string> {
  return new Set([...fake.workspace.records(stream as FakeStreamName)].map((record) => recordKey(stream, record)));
}

function firstId(stream: FakeStreamName, index = 0): string {
  return String([...fake.workspace.records(stream)].filter((record) => record.id !== undefined)[index]!.id);
}

/** Deletes one record of each kind; returns each stream's keys that went (children included) and the conversation's deleted_at. */
function deleteSome(): { gone: Record<string, string[]>; conversationDeletedAt: number; conversation: string; company: string; admin: string } {
  const before = Object.fromEntries(STREAMS.map((stream) => [stream, keysOf(stream)]));
  const admin = firstId("admins", 1);
  const company = firstId("companies", 2);
  const conversation = firstId("conversations", 3);
  fake.workspace.deleteRecord("admins", admin);
  fake.workspace.deleteRecord("tags", firstId("tags"));
  fake.workspace.deleteRecord("segments", firstId("segments", 1));
  fake.workspace.deleteRecord("contact_attributes", firstId("contact_attributes", 2));
  fake.workspace.deleteRecord("companies", company);
  const conversationDeletedAt = fake.workspace.deleteRecord("conversations", conversation);
  const gone: Record<string, string[]> = {};
  for (const stream of STREAMS) {
    const after = keysOf(stream);
    gone[stream] = [...before[stream]!].filter((key) => !after.has(key)).sort();
  }
  return { gone, conversationDeletedAt, conversation, company, admin };
}

interface DeletionLine {
  stream: string;
  deleted: Record<string, unknown> & { deleted_at: number };
}

function deletionLines(text: string): DeletionLine[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((line) => "deleted" in line) as unknown as DeletionLine[];
}

describe("deletions in JSON lines (--output)", () => {
  test("each deleted record is one tombstone line, without data, exactly once; children of a deleted conversation are implied", async () => {
    await withTempDir(async (dir) => {
      const state = join(dir, "state.json");
      const output = join(dir, "out.jsonl");
      const args = syncArgs(fake.url, state, ["--streams", STREAMS.join(","), "--output", output, "--search-lag-minutes", "0"]);
      const first = await runCli(args);
      expect(first.exitCode).toBe(0);
      expect(deletionLines(await readFile(output, "utf8"))).toEqual([]);

      catchUp(fake);
      const { gone, conversationDeletedAt, conversation } = deleteSome();
      for (const stream of [...WHOLE, "conversations"]) expect({ stream, gone: gone[stream]!.length > 0 }).toEqual({ stream, gone: true });
      await settle();
      const startedAt = Math.floor(Date.now() / 1000);
      const second = await runCli(args);
      const endedAt = Math.floor(Date.now() / 1000);
      expect(second.exitCode).toBe(0);

      const lines = deletionLines(await readFile(output, "utf8"));
      for (const line of lines) expect(Object.keys(line).sort()).toEqual(["deleted", "stream"]);
      for (const stream of WHOLE) {
        const mine = lines.filter((line) => line.stream === stream);
        expect({ stream, keys: mine.map((line) => recordKey(stream, line.deleted)).sort() }).toEqual({ stream, keys: gone[stream]! });
        for (const line of mine) {
          expect(Object.keys(line.deleted).sort()).toEqual([...primaryKeyOf(stream), "deleted_at"].sort());
          expect(line.deleted.deleted_at).toBeGreaterThanOrEqual(startedAt);
          expect(line.deleted.deleted_at).toBeLessThanOrEqual(endedAt);
        }
      }
      expect(lines.filter((line) => line.stream === "conversations")).toEqual([
        { stream: "conversations", deleted: { id: conversation, deleted_at: conversationDeletedAt } },
      ]);
      expect(lines.filter((line) => line.stream === "conversation_parts")).toEqual([]);

      // Nothing deleted since: a third run adds no tombstone.
      const third = await runCli(args);
      expect(third.exitCode).toBe(0);
      expect(deletionLines(await readFile(output, "utf8")).length).toBe(lines.length);
    });
  }, 60_000);
});

describe("deletions in SQLite", () => {
  test("_deleted_at marks deleted rows (a conversation's parts too), the _live views leave them out, and a re-created id clears it", async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "out.db");
      const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", STREAMS.join(","), "--sqlite", db, "--search-lag-minutes", "0"]);
      expect((await runCli(args)).exitCode).toBe(0);
      const parts = await sqliteQuery(db, "SELECT count(*) AS n FROM conversation_parts WHERE _deleted_at IS NULL");
      expect(Number(parts[0]!.n)).toBeGreaterThan(0);

      catchUp(fake);
      const { gone, conversationDeletedAt, conversation, company, admin } = deleteSome();
      await settle();
      const startedAt = Math.floor(Date.now() / 1000);
      expect((await runCli(args)).exitCode).toBe(0);

      for (const stream of [...WHOLE, "conversations"]) {
        const rows = await sqliteQuery(db, `SELECT * FROM "${stream}" WHERE _deleted_at IS NOT NULL`);
        expect({ stream, keys: rows.map((row) => recordKey(stream, row)).sort() }).toEqual({ stream, keys: gone[stream]! });
        // The row and its data are kept.
        for (const row of rows) expect(JSON.parse(String(row.data))).toBeTypeOf("object");
        const live = await sqliteQuery(db, `SELECT count(*) AS n FROM "${stream}_live"`);
        const all = await sqliteQuery(db, `SELECT count(*) AS n FROM "${stream}"`);
        expect(Number(live[0]!.n)).toBe(Number(all[0]!.n) - gone[stream]!.length);
      }
      const conversationRow = await sqliteQuery(db, "SELECT _deleted_at FROM conversations WHERE id = ?", conversation);
      expect(conversationRow).toEqual([{ _deleted_at: conversationDeletedAt }]);
      const partRows = await sqliteQuery(db, "SELECT DISTINCT _deleted_at FROM conversation_parts WHERE conversation_id = ?", conversation);
      expect(partRows).toEqual([{ _deleted_at: conversationDeletedAt }]);
      const otherParts = await sqliteQuery(
        db,
        "SELECT count(*) AS n FROM conversation_parts WHERE conversation_id <> ? AND _deleted_at IS NOT NULL",
        conversation,
      );
      expect(Number(otherParts[0]!.n)).toBe(0);
      const adminRow = await sqliteQuery(db, "SELECT _deleted_at FROM admins WHERE id = ?", admin);
      expect(Number(adminRow[0]!._deleted_at)).toBeGreaterThanOrEqual(startedAt);

      // Re-created under the same ids: the next run writes them again and they are live.
      catchUp(fake);
      fake.workspace.restoreRecord("companies", company);
      fake.workspace.restoreRecord("admins", admin);
      await settle();
      expect((await runCli(args)).exitCode).toBe(0);
      expect(await sqliteQuery(db, "SELECT _deleted_at FROM companies WHERE id = ?", company)).toEqual([{ _deleted_at: null }]);
      expect(await sqliteQuery(db, "SELECT _deleted_at FROM admins WHERE id = ?", admin)).toEqual([{ _deleted_at: null }]);
      const companyLinks = await sqliteQuery(db, "SELECT count(*) AS n FROM company_segments_live WHERE company_id = ?", company);
      expect(Number(companyLinks[0]!.n)).toBe([...fake.workspace.records("company_segments")].filter((row) => row.company_id === company).length);
    });
  }, 60_000);
});

describe("deletions in Singer", () => {
  test("a deletion is a RECORD of the key with _sdc_deleted_at (and the cursor), declared in the SCHEMA", async () => {
    await withTempDir(async (dir) => {
      const args = syncArgs(fake.url, join(dir, "state.json"), [
        "--streams",
        "admins,companies,conversations",
        "--format",
        "singer",
        "--search-lag-minutes",
        "0",
      ]);
      expect((await runCli(args)).exitCode).toBe(0);
      catchUp(fake);
      const { conversation, conversationDeletedAt, company, admin } = deleteSome();
      await settle();
      const second = await runCli(args);
      expect(second.exitCode).toBe(0);
      const messages = second.stdout.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Record<string, any>);
      for (const schema of messages.filter((message) => message.type === "SCHEMA")) {
        expect(schema.schema.properties._sdc_deleted_at).toMatchObject({ type: ["null", "string"], format: "date-time" });
      }
      const tombstones = messages.filter((message) => message.type === "RECORD" && message.record._sdc_deleted_at !== undefined);
      const byStream = Object.fromEntries(tombstones.map((message) => [message.stream, message.record]));
      expect(byStream.conversations).toEqual({
        id: conversation,
        updated_at: conversationDeletedAt,
        _sdc_deleted_at: new Date(conversationDeletedAt * 1000).toISOString(),
      });
      expect(byStream.companies.id).toBe(company);
      expect(byStream.admins.id).toBe(admin);
      expect(Object.keys(byStream.admins).sort()).toEqual(["_sdc_deleted_at", "id"]);
      expect(tombstones.length).toBe(3);
    });
  }, 60_000);
});
