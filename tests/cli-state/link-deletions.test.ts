/**
 * Links whose other end went, through the real CLI. A tag or company deleted in Intercom takes its link rows with
 * it (SQLite marks them; the other outputs state the rule), and a parent whose last link was removed says so in a
 * JSON lines file: a deletion naming only the parent ({"contact_id"}), dated by the parent's updated_at.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { catchUp, pastNow, settle, SMALL_SIZES, sqliteQuery, syncArgs } from "../helpers/cli-sync.ts";
import { runCli } from "../helpers/run-cli.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

type Row = Record<string, unknown>;

let fake: RunningFakeIntercom;
beforeEach(async () => {
  fake = await startFakeIntercom({ seed: 11, now: pastNow(), sizes: SMALL_SIZES });
});
afterEach(() => fake.close());

/** The id linked most often in `stream` (a tag or company many rows name), and how many rows name it. */
function mostLinked(stream: "contact_tags" | "contact_companies" | "conversation_tags"): string {
  const counts = new Map<string, number>();
  for (const row of fake.workspace.records(stream)) counts.set(String(row.id), (counts.get(String(row.id)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

/** The link rows of `stream` naming `id`, each `parent/id:live` or `parent/id:<_deleted_at>`. */
async function rowsNaming(db: string, stream: string, parentKey: string, id: string): Promise<string[]> {
  const rows = await sqliteQuery(db, `SELECT "${parentKey}" AS parent, _deleted_at FROM "${stream}" WHERE id = ? ORDER BY 1`, id);
  return rows.map((row) => `${String(row.parent)}:${row._deleted_at === null ? "live" : String(row._deleted_at)}`);
}

function jsonLines(text: string): Row[] {
  return text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line) as Row);
}

describe("a deleted tag or company takes its link rows with it (SQLite)", () => {
  test(
    "contact_tags, conversation_tags and contact_companies rows naming it get the tag's or company's _deleted_at and leave the _live views",
    async () => {
      await withTempDir(async (dir) => {
        const db = join(dir, "out.db");
        const streams = ["tags", "companies", "contacts", "conversations", "contact_tags", "contact_companies", "conversation_tags"];
        const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", streams.join(","), "--sqlite", db, "--search-lag-minutes", "0"]);
        expect((await runCli(args)).exitCode).toBe(0);

        const tag = mostLinked("conversation_tags");
        const company = mostLinked("contact_companies");
        const contactsOfTag = await rowsNaming(db, "contact_tags", "contact_id", tag);
        const conversationsOfTag = await rowsNaming(db, "conversation_tags", "conversation_id", tag);
        const contactsOfCompany = await rowsNaming(db, "contact_companies", "contact_id", company);
        expect(contactsOfTag.length).toBeGreaterThan(0);
        expect(conversationsOfTag.length).toBeGreaterThan(0);
        expect(contactsOfCompany.length).toBeGreaterThan(0);
        const linkedElsewhere = await sqliteQuery(db, "SELECT count(*) AS n FROM contact_tags_live WHERE id <> ?", tag);

        catchUp(fake);
        fake.workspace.deleteRecord("tags", tag);
        fake.workspace.deleteRecord("companies", company);
        await settle();
        expect((await runCli(args)).exitCode).toBe(0);

        const tagDeletedAt = (await sqliteQuery(db, "SELECT _deleted_at FROM tags WHERE id = ?", tag))[0]!._deleted_at;
        const companyDeletedAt = (await sqliteQuery(db, "SELECT _deleted_at FROM companies WHERE id = ?", company))[0]!._deleted_at;
        expect(typeof tagDeletedAt).toBe("number");
        expect(typeof companyDeletedAt).toBe("number");
        const marked = (rows: string[], at: unknown) => rows.map((row) => row.replace(/:live$/, `:${String(at)}`));
        expect(await rowsNaming(db, "contact_tags", "contact_id", tag)).toEqual(marked(contactsOfTag, tagDeletedAt));
        expect(await rowsNaming(db, "conversation_tags", "conversation_id", tag)).toEqual(marked(conversationsOfTag, tagDeletedAt));
        expect(await rowsNaming(db, "contact_companies", "contact_id", company)).toEqual(marked(contactsOfCompany, companyDeletedAt));
        expect(await sqliteQuery(db, "SELECT count(*) AS n FROM contact_tags_live WHERE id = ?", tag)).toEqual([{ n: 0 }]);
        // Links to other tags stay live.
        expect(await sqliteQuery(db, "SELECT count(*) AS n FROM contact_tags_live WHERE id <> ?", tag)).toEqual(linkedElsewhere);
      });
    },
    60_000,
  );
});

describe("a parent's last link removed says so (JSON lines)", () => {
  test("an emptied list writes one deletion naming only the parent, dated by its updated_at; a first run writes none", async () => {
    await withTempDir(async (dir) => {
      const output = join(dir, "out.jsonl");
      const streams = ["contacts", "conversations", "contact_tags", "contact_companies", "conversation_tags"];
      const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", streams.join(","), "--output", output, "--search-lag-minutes", "0"]);
      expect((await runCli(args)).exitCode).toBe(0);
      const firstRun = jsonLines(await readFile(output, "utf8"));
      // A first run has no earlier rows to retract: no deletion lines at all.
      expect(firstRun.filter((line) => line.deleted !== undefined)).toEqual([]);

      const contact = [...fake.workspace.records("contacts")].find((record) => {
        const tags = record.tags as { data: Row[]; has_more: boolean };
        return tags.data.length >= 2 && !tags.has_more;
      })!;
      const contactId = String(contact.id);
      const conversation = [...fake.workspace.records("conversations")].find((record) => (record.tags as { tags: Row[] }).tags.length > 0)!;
      const conversationId = String(conversation.id);
      // A contact that keeps one of two tags: its newest snapshot (the row left) says enough, no deletion needed.
      const kept = [...fake.workspace.records("contacts")].find((record) => {
        const tags = record.tags as { data: Row[]; has_more: boolean };
        return String(record.id) !== contactId && tags.data.length >= 2 && !tags.has_more;
      })!;

      catchUp(fake);
      for (const tag of (contact.tags as { data: Row[] }).data) fake.workspace.untagContact(contactId, String(tag.id));
      for (const tag of (conversation.tags as { tags: Row[] }).tags) fake.workspace.untagConversation(conversationId, String(tag.id));
      fake.workspace.untagContact(String(kept.id), String((kept.tags as { data: Row[] }).data[0]!.id));
      await settle();
      const before = (await readFile(output, "utf8")).length;
      expect((await runCli(args)).exitCode).toBe(0);
      const secondRun = jsonLines((await readFile(output, "utf8")).slice(before));

      const updatedAt = (stream: "contacts" | "conversations", id: string) =>
        Number([...fake.workspace.records(stream)].find((record) => String(record.id) === id)!.updated_at);
      const deletionsOf = (stream: string) => secondRun.filter((line) => line.stream === stream && line.deleted !== undefined);
      expect(deletionsOf("contact_tags")).toEqual([{
        stream: "contact_tags",
        deleted: { contact_id: contactId, deleted_at: updatedAt("contacts", contactId) },
      }]);
      expect(deletionsOf("conversation_tags")).toEqual([
        { stream: "conversation_tags", deleted: { conversation_id: conversationId, deleted_at: updatedAt("conversations", conversationId) } },
      ]);
      // The contacts re-read with companies left write none for contact_companies: only emptied lists do.
      const companyMarkers = deletionsOf("contact_companies");
      const emptiedCompanies = secondRun.filter(
        (line) => line.stream === "contacts" && ((line.data as Row).companies as { data: Row[] }).data.length === 0,
      );
      expect(companyMarkers.length).toBe(emptiedCompanies.length);
    });
  }, 60_000);

  test("on stdout too: the contact that lost its last tag gets the deletion naming only it", async () => {
    await withTempDir(async (dir) => {
      const args = syncArgs(fake.url, join(dir, "state.json"), ["--streams", "contacts,contact_tags", "--search-lag-minutes", "0"]);
      const first = await runCli(args);
      expect(first.exitCode).toBe(0);
      expect(jsonLines(first.stdout).filter((line) => line.deleted !== undefined)).toEqual([]);
      const contact = [...fake.workspace.records("contacts")].find((record) => {
        const tags = record.tags as { data: Row[]; has_more: boolean };
        return tags.data.length > 0 && !tags.has_more;
      })!;
      const contactId = String(contact.id);
      catchUp(fake);
      for (const tag of (contact.tags as { data: Row[] }).data) fake.workspace.untagContact(contactId, String(tag.id));
      await settle();
      const second = await runCli(args);
      expect(second.exitCode).toBe(0);
      const updatedAt = Number([...fake.workspace.records("contacts")].find((record) => String(record.id) === contactId)!.updated_at);
      expect(jsonLines(second.stdout).filter((line) => line.deleted !== undefined)).toEqual([
        { stream: "contact_tags", deleted: { contact_id: contactId, deleted_at: updatedAt } },
      ]);
    });
  }, 60_000);
});
