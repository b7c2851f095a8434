/**
 * `intercom-sync verify --repair` through the real CLI against the fake: contacts and a conversation deleted in
 * the fake behind the export's back, and rows removed from the database (or records the file lacks), make
 * `verify` exit 6; `verify --repair` marks the deleted ones deleted and writes the missing ones (a
 * conversation with its parts) through the output's own sink, without moving any cursor; `verify` exits 0 after.
 * For an `--output` file the new length is recorded in the state, so a following sync keeps the repairs.
 */
import { expect, test } from "bun:test";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { RunningFakeIntercom } from "../../src/fake/mod.ts";
import { DIFFERENCES, freshFakePerTest, sync, verify } from "./helpers.ts";
import { catchUp, readState, settle, sqliteQuery } from "../helpers/cli-sync.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const fakes = freshFakePerTest(41);
const startFake = () => fakes.start();

const ids = (fake: RunningFakeIntercom, stream: "contacts" | "conversations" | "tickets") =>
  [...fake.workspace.records(stream)].map((record) => String(record.id));

test("SQLite: verify --repair marks deleted contacts and conversations, writes removed rows back, leaves _state alone; verify then exits 0", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const db = join(dir, "out.db");
    await sync(fake.url, dir, ["--sqlite", db]);
    const withParts = ids(fake, "conversations").filter((id) => fake.workspace.partCount(id) > 0);
    const [deletedConversation, removedConversation] = [withParts[0]!, withParts[1]!];
    const removedParts = fake.workspace.partCount(removedConversation);
    const [goneA, goneB, removedContact] = [ids(fake, "contacts")[3]!, ids(fake, "contacts")[50]!, ids(fake, "contacts")[9]!];
    const removedTicket = ids(fake, "tickets")[4]!;
    fake.workspace.deleteRecord("contacts", goneA);
    fake.workspace.deleteRecord("contacts", goneB);
    fake.workspace.deleteRecord("conversations", deletedConversation);
    await sqliteQuery(db, "DELETE FROM contacts WHERE id = ?", removedContact);
    await sqliteQuery(db, "DELETE FROM conversations WHERE id = ?", removedConversation);
    await sqliteQuery(db, "DELETE FROM conversation_parts WHERE conversation_id = ?", removedConversation);
    await sqliteQuery(db, "DELETE FROM tickets WHERE id = ?", removedTicket);
    const stateBefore = await sqliteQuery(db, "SELECT * FROM _state");

    expect((await verify(fake.url, ["--sqlite", db])).exitCode).toBe(DIFFERENCES);

    const repaired = await verify(fake.url, ["--sqlite", db], ["--repair"]);
    expect(repaired.stderr).toMatch(/--repair reads every id: 318 contacts, 11 conversations, 30 tickets: about 5 search requests/);
    expect(repaired.stderr).toContain("--repair contacts: 318 in Intercom; 2 marked deleted, 1 written");
    expect(repaired.stderr).toContain("--repair conversations: 11 in Intercom; 1 marked deleted, 1 written");
    expect(repaired.stderr).toContain("--repair tickets: 30 in Intercom; 0 marked deleted, 1 written");
    expect(repaired.exitCode).toBe(0);
    expect((await verify(fake.url, ["--sqlite", db])).exitCode).toBe(0);

    const deleted = await sqliteQuery(db, "SELECT id FROM contacts WHERE _deleted_at IS NOT NULL ORDER BY id");
    expect(deleted.map((row) => row.id)).toEqual([goneA, goneB].sort());
    expect(await sqliteQuery(db, "SELECT count(*) AS n FROM conversations WHERE id = ? AND _deleted_at IS NOT NULL", deletedConversation)).toEqual([{
      n: 1,
    }]);
    // The deleted conversation's parts are marked with it.
    expect(
      await sqliteQuery(db, "SELECT count(*) AS n FROM conversation_parts WHERE conversation_id = ? AND _deleted_at IS NULL", deletedConversation),
    ).toEqual([{ n: 0 }]);
    expect(await sqliteQuery(db, "SELECT count(*) AS n FROM contacts_live WHERE id = ?", removedContact)).toEqual([{ n: 1 }]);
    expect(await sqliteQuery(db, "SELECT count(*) AS n FROM tickets_live WHERE id = ?", removedTicket)).toEqual([{ n: 1 }]);
    expect(await sqliteQuery(db, "SELECT count(*) AS n FROM conversation_parts_live WHERE conversation_id = ?", removedConversation)).toEqual([{
      n: removedParts,
    }]);
    // No cursor moved: the database's state is as the sync left it.
    expect(await sqliteQuery(db, "SELECT * FROM _state")).toEqual(stateBefore);
  });
});

test("--output file: verify --repair appends tombstones and missing records, records the length, and a following sync keeps them", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const file = join(dir, "out.jsonl");
    const statePath = join(dir, "state.json");
    await sync(fake.url, dir, ["--output", file]);
    const gone = ids(fake, "contacts")[5]!;
    const conversation = ids(fake, "conversations")[2]!;
    fake.workspace.deleteRecord("contacts", gone);
    fake.workspace.deleteRecord("conversations", conversation);
    catchUp(fake);
    const created = fake.workspace.createContact();
    await settle();

    expect((await verify(fake.url, ["--output", file])).exitCode).toBe(DIFFERENCES);
    const repaired = await verify(fake.url, ["--output", file], ["--repair", "--state", statePath]);
    expect({ exitCode: repaired.exitCode, stderr: repaired.stderr }).toEqual({
      exitCode: 0,
      stderr: expect.stringContaining("1 marked deleted, 1 written"),
    });

    const lines = readFileSync(file, "utf8").trimEnd().split("\n").map((line) =>
      JSON.parse(line) as { stream: string; data?: { id: string }; deleted?: { id: string } }
    );
    expect(lines.filter((line) => line.stream === "contacts" && line.deleted?.id === gone)).toHaveLength(1);
    expect(lines.filter((line) => line.stream === "conversations" && line.deleted?.id === conversation)).toHaveLength(1);
    expect(lines.filter((line) => line.stream === "contacts" && line.data?.id === created)).toHaveLength(1);
    // The file's exactly-once bookkeeping knows the repairs: the recorded length is the file's.
    const length = statSync(file).size;
    expect(((await readState(statePath)) as unknown as { output: { length: number } }).output.length).toBe(length);
    expect((await verify(fake.url, ["--output", file])).exitCode).toBe(0);

    // A normal sync continues after them instead of cutting them away.
    await sync(fake.url, dir, ["--output", file]);
    const after = readFileSync(file, "utf8");
    expect(after.length).toBeGreaterThan(length);
    expect(after.startsWith(readFileSync(file, "utf8").slice(0, length))).toBe(true);
    expect(after.slice(0, length)).toContain(`{"stream":"contacts","deleted":{"id":"${gone}",`);
    expect((await verify(fake.url, ["--output", file])).exitCode).toBe(0);
  });
});

test("verify --repair on an --output file that is not there is a usage error and creates nothing", async () => {
  const fake = await startFake();
  await withTempDir(async (dir) => {
    const file = join(dir, "nope.jsonl");
    const result = await verify(fake.url, ["--output", file], ["--repair", "--state", join(dir, "state.json")]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain("no file at");
    expect(() => statSync(file)).toThrow();
  });
});
