/**
 * `Page.replaces`: a page that holds a parent's complete set of links retires that parent's other rows
 * (`_deleted_at` = the parent's time), inside the page's transaction, before its rows are upserted.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import type { Page, Sink, StreamInfo } from "../../src/sinks/types.ts";
import { contactsStream, query } from "./fixtures.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const contactTagsStream: StreamInfo = {
  name: "contact_tags",
  primaryKey: ["contact_id", "id"],
  cursorField: "contact_updated_at",
  parent: { stream: "contacts", copy: { contact_id: "id", contact_updated_at: "updated_at" } },
  schema: {
    type: "object",
    properties: { contact_id: { type: "string" }, id: { type: "string" }, contact_updated_at: { type: "integer" } },
  },
};

const link = (contact: string, tag: string, at: number) => ({ type: "tag", id: tag, contact_id: contact, contact_updated_at: at });

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

async function withSink(path: string, streams: StreamInfo[], fn: (sink: Sink) => Promise<void>): Promise<void> {
  const sink = createSqliteSink(path, { clock: () => 1_700_000_000_000 });
  await sink.open(streams);
  try {
    await fn(sink);
  } finally {
    await sink.close();
  }
}

const commit = (sink: Sink, ...pages: Page[]) => sink.commit!({ pass: "contacts", pages });

async function links(path: string): Promise<string[]> {
  const rows = await query(path, "SELECT contact_id, id, _deleted_at FROM contact_tags ORDER BY contact_id, id");
  return rows.map((row) => `${String(row.contact_id)}/${String(row.id)}:${row._deleted_at === null ? "live" : String(row._deleted_at)}`);
}

describe("SQLite sink: pages that replace a parent's links", () => {
  for (
    const [label, streams] of [
      ["with the parent's table", [contactsStream, contactTagsStream]],
      ["without the parent's table", [contactTagsStream]],
    ] as const
  ) {
    test(`a link missing from a replacing page is marked deleted at the parent's time; the rest stay live (${label})`, async () => {
      const path = tmp.file("out.db");
      await withSink(path, [...streams], async (sink) => {
        await commit(sink, { stream: "contact_tags", records: [link("c1", "t1", 10), link("c1", "t2", 10), link("c2", "t1", 10)] });
        await commit(sink, {
          stream: "contact_tags",
          records: [link("c1", "t1", 20)],
          replaces: [{ key: { contact_id: "c1" }, at: 20 }],
        });
      });
      expect(await links(path)).toEqual(["c1/t1:live", "c1/t2:20", "c2/t1:live"]);
      const live = await query(path, "SELECT contact_id, id FROM contact_tags_live ORDER BY contact_id, id");
      expect(live).toEqual([{ contact_id: "c1", id: "t1" }, { contact_id: "c2", id: "t1" }]);
    });
  }

  test("a parent with no links left (an empty page) loses them all; a later page bringing one back clears its mark", async () => {
    const path = tmp.file("out.db");
    await withSink(path, [contactsStream, contactTagsStream], async (sink) => {
      await commit(sink, { stream: "contact_tags", records: [link("c1", "t1", 10), link("c1", "t2", 10)] });
      await commit(sink, { stream: "contact_tags", records: [], replaces: [{ key: { contact_id: "c1" }, at: 20 }] });
      expect(await links(path)).toEqual(["c1/t1:20", "c1/t2:20"]);
      // Already marked: a later replacement keeps the first time; re-added t2 lives again.
      await commit(sink, { stream: "contact_tags", records: [link("c1", "t2", 30)], replaces: [{ key: { contact_id: "c1" }, at: 30 }] });
    });
    expect(await links(path)).toEqual(["c1/t1:20", "c1/t2:live"]);
  });

  test("rows of parents the page does not list are left alone, even when the page holds rows of theirs", async () => {
    const path = tmp.file("out.db");
    await withSink(path, [contactsStream, contactTagsStream], async (sink) => {
      await commit(sink, { stream: "contact_tags", records: [link("c1", "t1", 10), link("c1", "t2", 10), link("c2", "t2", 10)] });
      // c1's list was not read whole (truncated): its rows come without a replacement.
      await commit(sink, {
        stream: "contact_tags",
        records: [link("c1", "t1", 20), link("c2", "t3", 20)],
        replaces: [{ key: { contact_id: "c2" }, at: 20 }],
      });
    });
    expect(await links(path)).toEqual(["c1/t1:live", "c1/t2:live", "c2/t2:20", "c2/t3:live"]);
  });

  test("a failed page rolls its marks back with its rows", async () => {
    const path = tmp.file("out.db");
    await withSink(path, [contactsStream, contactTagsStream], async (sink) => {
      await commit(sink, { stream: "contact_tags", records: [link("c1", "t1", 10)] });
      const bad = { type: "tag", id: null, contact_id: "c1", contact_updated_at: 20 };
      await expect(commit(sink, { stream: "contact_tags", records: [bad], replaces: [{ key: { contact_id: "c1" }, at: 20 }] })).rejects.toThrow();
    });
    expect(await links(path)).toEqual(["c1/t1:live"]);
  });
});
