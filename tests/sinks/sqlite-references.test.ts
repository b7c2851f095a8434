/**
 * Link rows whose other end went: a deleted tag's contact_tags rows are marked in the deletion's transaction, at
 * its time; rows an earlier run left live are marked on opening from the tag's own `_deleted_at`; and a deletion
 * naming only a parent (its list is now empty) marks that parent's rows through `write` too.
 */
import { afterEach, beforeEach, describe, expect, test } from "bun:test";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import type { Sink, StreamInfo } from "../../src/sinks/types.ts";
import { query } from "./fixtures.ts";
import { type TempDir, tempDir } from "../helpers/temp-dir.ts";

const tagsStream: StreamInfo = {
  name: "tags",
  primaryKey: ["id"],
  schema: { type: "object", properties: { id: { type: "string" }, name: { type: "string" } } },
};

const contactTagsStream: StreamInfo = {
  name: "contact_tags",
  primaryKey: ["contact_id", "id"],
  cursorField: "contact_updated_at",
  parent: { stream: "contacts", copy: { contact_id: "id", contact_updated_at: "updated_at" } },
  references: { id: "tags" },
  schema: {
    type: "object",
    properties: { contact_id: { type: "string" }, id: { type: "string" }, contact_updated_at: { type: "integer" } },
  },
};

const tag = (id: string) => ({ type: "tag", id, name: `tag ${id}` });
const link = (contact: string, id: string, at = 10) => ({ type: "tag", id, contact_id: contact, contact_updated_at: at });

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

async function links(path: string): Promise<string[]> {
  const rows = await query(path, "SELECT contact_id, id, _deleted_at FROM contact_tags ORDER BY contact_id, id");
  return rows.map((row) => `${String(row.contact_id)}/${String(row.id)}:${row._deleted_at === null ? "live" : String(row._deleted_at)}`);
}

describe("SQLite sink: links naming a deleted record", () => {
  test("a deleted tag marks every link row naming it, at the tag's deletion time; other links stay live", async () => {
    const path = tmp.file("out.db");
    await withSink(path, [tagsStream, contactTagsStream], async (sink) => {
      await sink.write("tags", [tag("t1"), tag("t2"), tag("t3")]);
      await sink.write("contact_tags", [link("c1", "t1"), link("c1", "t2"), link("c2", "t1"), link("c2", "t3")]);
      await sink.commit!({
        pass: "tags",
        pages: [{ stream: "tags", records: [], deletions: [{ key: { id: "t1" }, deletedAt: 50 }, { key: { id: "t3" }, deletedAt: 60 }] }],
      });
    });
    expect(await links(path)).toEqual(["c1/t1:50", "c1/t2:live", "c2/t1:50", "c2/t3:60"]);
    expect(await query(path, "SELECT contact_id, id FROM contact_tags_live")).toEqual([{ contact_id: "c1", id: "t2" }]);
  });

  test("an already marked link keeps its first time", async () => {
    const path = tmp.file("out.db");
    await withSink(path, [tagsStream, contactTagsStream], async (sink) => {
      await sink.write("contact_tags", [link("c1", "t1")]);
      await sink.commit!({ pass: "contacts", pages: [{ stream: "contact_tags", records: [], replaces: [{ key: { contact_id: "c1" }, at: 20 }] }] });
      await sink.write("tags", [], [{ key: { id: "t1" }, deletedAt: 50 }]);
    });
    expect(await links(path)).toEqual(["c1/t1:20"]);
  });

  test("links an earlier run left live (the tag deleted while contact_tags was not exported) are marked when the database is next opened", async () => {
    const path = tmp.file("out.db");
    await withSink(path, [tagsStream, contactTagsStream], async (sink) => {
      await sink.write("tags", [tag("t1"), tag("t2")]);
      await sink.write("contact_tags", [link("c1", "t1"), link("c1", "t2")]);
    });
    await withSink(path, [tagsStream], async (sink) => {
      await sink.write("tags", [], [{ key: { id: "t1" }, deletedAt: 70 }]);
    });
    expect(await links(path)).toEqual(["c1/t1:live", "c1/t2:live"]);
    await withSink(path, [contactTagsStream], async () => {});
    expect(await links(path)).toEqual(["c1/t1:70", "c1/t2:live"]);
  });

  test("a deletion naming only the parent marks every row of that parent (write, as well as commit)", async () => {
    const path = tmp.file("out.db");
    await withSink(path, [contactTagsStream], async (sink) => {
      await sink.write("contact_tags", [link("c1", "t1"), link("c1", "t2"), link("c2", "t1")]);
      await sink.write("contact_tags", [], [{ key: { contact_id: "c1" }, deletedAt: 40 }]);
    });
    expect(await links(path)).toEqual(["c1/t1:40", "c1/t2:40", "c2/t1:live"]);
  });
});
