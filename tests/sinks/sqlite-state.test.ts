/** SQLite sink commit(batch): the pages, the progress they complete and `_state` are committed together, or not at all. */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { createSqliteSink } from "../../src/sinks/sqlite.ts";
import { contactsStream, fixedClock, query, type TempDir, tempDir } from "./fixtures.ts";

let tmp: TempDir;
beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => tmp.remove());

test("a batch's pages and the state its progress produces land in one transaction; a failed batch rolls back and undoes", async () => {
  const path = tmp.file("out.db");
  let cursor = 0;
  const undone: number[] = [];
  const sink = createSqliteSink(path, {
    clock: fixedClock,
    state: () => {
      if (cursor === 30) throw new Error("state snapshot failed");
      return { cursor };
    },
  });
  await sink.open([contactsStream]);
  expect(await query(path, "SELECT state FROM _state")).toEqual([{ state: '{"cursor":0}' }]);

  const progressTo = (next: number) => () => {
    const before = cursor;
    cursor = next;
    return () => {
      undone.push(cursor);
      cursor = before;
    };
  };
  await sink.commit!({ pass: "contacts", pages: [{ stream: "contacts", records: [{ id: "c1", updated_at: 1 }] }], progress: progressTo(10) });
  expect(await query(path, "SELECT state FROM _state")).toEqual([{ state: '{"cursor":10}' }]);

  const failed = sink.commit!({
    pass: "contacts",
    pages: [{ stream: "contacts", records: [{ id: "c2", updated_at: 2 }, { updated_at: 3 }] }],
    progress: progressTo(20),
  });
  await expect(failed).rejects.toThrow(/rolled back/);
  // A bad record fails the page before its progress is applied: nothing to undo.
  expect({ undone, cursor }).toEqual({ undone: [], cursor: 10 });

  // A failure after the progress was applied (here: recording the state) rolls the pages back and undoes it.
  const late = sink.commit!({ pass: "contacts", pages: [{ stream: "contacts", records: [{ id: "c4", updated_at: 4 }] }], progress: progressTo(30) });
  await expect(late).rejects.toThrow(/state snapshot failed/);
  expect({ undone, cursor }).toEqual({ undone: [30], cursor: 10 });
  expect(await query(path, "SELECT id FROM contacts")).toEqual([{ id: "c1" }]);
  expect(await query(path, "SELECT state FROM _state")).toEqual([{ state: '{"cursor":10}' }]);

  // A batch without progress writes its pages and leaves the state alone.
  await sink.commit!({ pass: "contacts", pages: [{ stream: "contacts", records: [{ id: "c3", updated_at: 3 }] }] });
  expect(await query(path, "SELECT state FROM _state")).toEqual([{ state: '{"cursor":10}' }]);
  await sink.close();
  expect(await query(path, "SELECT count(*) AS n FROM contacts")).toEqual([{ n: 2 }]);
});
