/**
 * Links removed in Intercom leave SQLite's live rows, through the real CLI: a tag taken off a contact or a
 * conversation, a company detached from a contact. The incremental run re-reads the changed parent and marks
 * its missing links `_deleted_at` = the parent's new updated_at; a link put back lives again. The fake's
 * records() is the oracle of which links exist.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { catchUp, pastNow, settle, SMALL_SIZES, sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const LINKS = ["contact_tags", "contact_companies", "conversation_tags"] as const;
type LinkStream = (typeof LINKS)[number];
const PARENT_KEY: Record<LinkStream, string> = { contact_tags: "contact_id", contact_companies: "contact_id", conversation_tags: "conversation_id" };
const STREAMS = ["contacts", "conversations", ...LINKS];

type Row = Record<string, unknown>;
interface EmbeddedList {
  has_more: boolean;
  data: Row[];
}

let fake: RunningFakeIntercom;
beforeEach(async () => {
  fake = await startFakeIntercom({ seed: 11, now: pastNow(), sizes: SMALL_SIZES });
});
afterEach(() => fake.close());

const linkKey = (stream: LinkStream, row: Row) => `${String(row[PARENT_KEY[stream]])}/${String(row.id)}`;

/** The links the fake has now, as the live view must hold them. */
function fakeLinks(stream: LinkStream): string[] {
  return [...fake.workspace.records(stream)].map((row) => linkKey(stream, row)).sort();
}

async function liveLinks(db: string, stream: LinkStream): Promise<string[]> {
  const rows = await sqliteQuery(db, `SELECT * FROM "${stream}_live"`);
  return rows.map((row) => linkKey(stream, row)).sort();
}

async function deletedAt(db: string, stream: LinkStream, parent: string, id: string): Promise<unknown> {
  const rows = await sqliteQuery(db, `SELECT _deleted_at FROM "${stream}" WHERE "${PARENT_KEY[stream]}" = ? AND id = ?`, parent, id);
  expect(rows.length).toBe(1);
  return rows[0]!._deleted_at;
}

/** The first contact whose embedded `list` has at least two entries and is (or is not) truncated. */
function contactWith(list: "tags" | "companies", truncated: boolean, except: readonly string[] = []): { id: string; linked: string[] } {
  for (const contact of fake.workspace.records("contacts")) {
    const embedded = contact[list] as EmbeddedList;
    if (embedded.has_more === truncated && embedded.data.length >= 2 && !except.includes(String(contact.id))) {
      return { id: String(contact.id), linked: embedded.data.map((item) => String(item.id)) };
    }
  }
  throw new Error(`the fake has no contact with ${truncated ? "a truncated" : "a short"} ${list} list`);
}

function updatedAt(stream: "contacts" | "conversations", id: string): number {
  return Number([...fake.workspace.records(stream)].find((record) => String(record.id) === id)!.updated_at);
}

describe("links removed from a re-read parent (SQLite)", () => {
  test("a removed tag or company is marked deleted at the parent's updated_at; other links stay live; putting it back clears the mark", async () => {
    await withTempDir(async (dir) => {
      const db = join(dir, "out.db");
      const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", STREAMS.join(","), "--sqlite", db, "--search-lag-minutes", "0"]);
      expect((await runCli(args)).exitCode).toBe(0);
      for (const stream of LINKS) expect({ stream, live: await liveLinks(db, stream) }).toEqual({ stream, live: fakeLinks(stream) });

      const tagged = contactWith("tags", false);
      const truncated = contactWith("tags", true, [tagged.id]);
      const withCompanies = contactWith("companies", false, [tagged.id, truncated.id]);
      const conversation = [...fake.workspace.records("conversations")].find((record) => (record.tags as { tags: Row[] }).tags.length > 0)!;
      const conversationId = String(conversation.id);
      const conversationTag = String((conversation.tags as { tags: Row[] }).tags[0]!.id);
      const untouched = contactWith("tags", false, [tagged.id, truncated.id, withCompanies.id]);
      const untouchedBefore = await sqliteQuery(
        db,
        "SELECT id, _deleted_at, _synced_at FROM contact_tags WHERE contact_id = ? ORDER BY id",
        untouched.id,
      );

      catchUp(fake);
      const removedTag = tagged.linked[0]!;
      fake.workspace.untagContact(tagged.id, removedTag);
      // A tag the contact shows among its first ten, taken off a list longer than ten: read whole, so still settled.
      const removedFromTruncated = truncated.linked[1]!;
      fake.workspace.untagContact(truncated.id, removedFromTruncated);
      const removedCompany = withCompanies.linked[0]!;
      fake.workspace.detachCompany(withCompanies.id, removedCompany);
      // The conversation's only tag: its page of conversation_tags holds no row for it at all.
      fake.workspace.untagConversation(conversationId, conversationTag);
      expect([...fake.workspace.records("conversation_tags")].filter((row) => row.conversation_id === conversationId)).toEqual([]);
      await settle();
      expect((await runCli(args)).exitCode).toBe(0);

      expect(await deletedAt(db, "contact_tags", tagged.id, removedTag)).toBe(updatedAt("contacts", tagged.id));
      expect(await deletedAt(db, "contact_tags", truncated.id, removedFromTruncated)).toBe(updatedAt("contacts", truncated.id));
      expect(await deletedAt(db, "contact_companies", withCompanies.id, removedCompany)).toBe(updatedAt("contacts", withCompanies.id));
      expect(await deletedAt(db, "conversation_tags", conversationId, conversationTag)).toBe(updatedAt("conversations", conversationId));
      expect(await deletedAt(db, "contact_tags", tagged.id, tagged.linked[1]!)).toBeNull();
      // Every other link, of changed and unchanged parents alike, is live exactly when the fake has it.
      for (const stream of LINKS) expect({ stream, live: await liveLinks(db, stream) }).toEqual({ stream, live: fakeLinks(stream) });
      const untouchedAfter = await sqliteQuery(
        db,
        "SELECT id, _deleted_at, _synced_at FROM contact_tags WHERE contact_id = ? ORDER BY id",
        untouched.id,
      );
      expect(untouchedAfter).toEqual(untouchedBefore);

      catchUp(fake);
      fake.workspace.tagContact(tagged.id, removedTag);
      fake.workspace.attachCompany(withCompanies.id, removedCompany);
      fake.workspace.tagConversation(conversationId, conversationTag);
      await settle();
      expect((await runCli(args)).exitCode).toBe(0);

      expect(await deletedAt(db, "contact_tags", tagged.id, removedTag)).toBeNull();
      expect(await deletedAt(db, "contact_companies", withCompanies.id, removedCompany)).toBeNull();
      expect(await deletedAt(db, "conversation_tags", conversationId, conversationTag)).toBeNull();
      expect(await deletedAt(db, "contact_tags", truncated.id, removedFromTruncated)).toBe(updatedAt("contacts", truncated.id));
      for (const stream of LINKS) expect({ stream, live: await liveLinks(db, stream) }).toEqual({ stream, live: fakeLinks(stream) });
    });
  }, 60_000);
});
