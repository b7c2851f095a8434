/**
 * The document streams through the real CLI, in every output: after an edit, a new part and a deletion, the next
 * run writes only the changed transcripts, and the deleted conversation's transcript gets the conversation's
 * tombstone (a JSON lines deletion, SQLite's `_deleted_at`, Singer's `_sdc_deleted_at`).
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { catchUp, pastNow, settle, SMALL_SIZES, sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const STREAMS = "conversations,conversation_parts,conversation_transcripts";

let fake: RunningFakeIntercom;
beforeEach(async () => {
  fake = await startFakeIntercom({ seed: 5, now: pastNow(), sizes: { ...SMALL_SIZES, admins: 3, tags: 3 } });
});
afterEach(() => fake.close());

function ids(): string[] {
  return [...fake.workspace.records("conversations")].map((record) => String(record.id));
}

/** Edits conversation 1 (a new part), conversation 3 (a tag), deletes conversation 6; returns their ids and the deletion time. */
function change(): { edited: string[]; deleted: string; deletedAt: number } {
  catchUp(fake);
  const all = ids();
  fake.workspace.addConversationPart(all[1]!);
  fake.workspace.tagConversation(all[3]!, String([...fake.workspace.records("tags")][0]!.id));
  const deletedAt = fake.workspace.deleteRecord("conversations", all[6]!);
  return { edited: [all[1]!, all[3]!].sort(), deleted: all[6]!, deletedAt };
}

type Line = { stream: string; data?: Record<string, unknown>; deleted?: Record<string, unknown> };

function lines(text: string): Line[] {
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Line);
}

describe("conversation_transcripts", () => {
  test("JSON lines: one transcript per conversation, then only the changed ones and the deleted one's tombstone", async () => {
    await withTempDir(async (dir) => {
      const output = join(dir, "out.jsonl");
      const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", STREAMS, "--output", output, "--search-lag-minutes", "0"]);
      expect((await runCli(args)).exitCode).toBe(0);
      const first = lines(await readFile(output, "utf8"));
      const transcripts = first.filter((line) => line.stream === "conversation_transcripts");
      expect(transcripts.map((line) => String(line.data!.id)).sort()).toEqual(ids().sort());
      for (const line of transcripts) expect(String(line.data!.markdown)).not.toMatch(/<\/?[a-z][^>]*>/i);

      const { edited, deleted, deletedAt } = change();
      await settle();
      expect((await runCli(args)).exitCode).toBe(0);
      const second = lines(await readFile(output, "utf8")).slice(first.length);
      const written = second.filter((line) => line.stream === "conversation_transcripts");
      expect(written.filter((line) => line.data).map((line) => String(line.data!.id)).sort()).toEqual(edited);
      expect(written.filter((line) => line.deleted)).toEqual([{
        stream: "conversation_transcripts",
        deleted: { id: deleted, deleted_at: deletedAt },
      }]);
      const newPart = written.find((line) => line.data?.id === edited[edited.indexOf(ids()[1]!)]);
      expect(Number(newPart!.data!.messages)).toBeGreaterThan(1);
    });
  }, 60_000);

  test("SQLite: a row per conversation, rewritten when it changes; the deleted one's row is marked like the conversation's", async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "out.db");
      const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", STREAMS, "--sqlite", db, "--search-lag-minutes", "0"]);
      expect((await runCli(args)).exitCode).toBe(0);
      const before = await sqliteQuery(db, "SELECT id, markdown, updated_at FROM conversation_transcripts ORDER BY id");
      expect(before.map((row) => String(row.id))).toEqual(ids().sort());

      const { edited, deleted, deletedAt } = change();
      await settle();
      expect((await runCli(args)).exitCode).toBe(0);
      const after = await sqliteQuery(db, "SELECT id, markdown, updated_at, _deleted_at FROM conversation_transcripts ORDER BY id");
      const changed = after.filter((row, index) => row.markdown !== before[index]!.markdown).map((row) => String(row.id));
      expect(changed).toEqual(edited);
      expect(after.filter((row) => row._deleted_at !== null)).toMatchObject([{ id: deleted, _deleted_at: deletedAt }]);
      expect(await sqliteQuery(db, "SELECT _deleted_at FROM conversations WHERE id = ?", deleted)).toEqual([{ _deleted_at: deletedAt }]);
      const live = await sqliteQuery(db, "SELECT count(*) AS n FROM conversation_transcripts_live");
      expect(Number(live[0]!.n)).toBe(ids().length);
    });
  }, 60_000);

  test("Singer: the deleted conversation's transcript is a RECORD with _sdc_deleted_at, as the conversation's", async () => {
    await withTempDir(async (dir) => {
      const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", STREAMS, "--format", "singer", "--search-lag-minutes", "0"]);
      expect((await runCli(args)).exitCode).toBe(0);
      const { edited, deleted, deletedAt } = change();
      await settle();
      const second = await runCli(args);
      expect(second.exitCode).toBe(0);
      const messages = second.stdout.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Record<string, any>);
      const records = messages.filter((message) => message.type === "RECORD" && message.stream === "conversation_transcripts");
      const tombstone = { id: deleted, updated_at: deletedAt, _sdc_deleted_at: new Date(deletedAt * 1000).toISOString() };
      expect(records.filter((message) => message.record._sdc_deleted_at !== undefined).map((message) => message.record)).toEqual([tombstone]);
      expect(records.filter((message) => message.record._sdc_deleted_at === undefined).map((message) => String(message.record.id)).sort()).toEqual(
        edited,
      );
      const schema = messages.find((message) => message.type === "SCHEMA" && message.stream === "conversation_transcripts")!;
      expect(Object.keys(schema.schema.properties)).toEqual(
        expect.arrayContaining(["id", "markdown", "title", "url", "updated_at", "_sdc_deleted_at"]),
      );
    });
  }, 60_000);
});

test("--omit-internal-notes leaves teammates' internal notes out of the transcripts (by default they are in, labelled)", async () => {
  await withTempDir(async (dir) => {
    const run = async (name: string, extra: string[]) => {
      const args = syncArgs(fake.url, join(dir, `${name}.json`), ["--streams", STREAMS, "--output", join(dir, `${name}.jsonl`), ...extra]);
      expect((await runCli(args)).exitCode).toBe(0);
      return lines(await readFile(join(dir, `${name}.jsonl`), "utf8"));
    };
    const all = await run("with", []);
    const notes = all.filter((line) => line.stream === "conversation_parts" && line.data!.part_type === "note").length;
    expect(notes).toBeGreaterThan(0);
    const text = (output: Line[]) =>
      output.filter((line) => line.stream === "conversation_transcripts").map((line) => String(line.data!.markdown)).join("\n");
    expect(text(all).split("### internal note · ").length - 1).toBe(notes);
    expect(text(await run("without", ["--omit-internal-notes"]))).not.toContain("### internal note");
  });
}, 60_000);
