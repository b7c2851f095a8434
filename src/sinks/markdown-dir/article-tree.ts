/**
 * The articles' tree, brought in line with what the directory's staging database holds, at the end of each run.
 *
 * Why at the end, and not as each article arrives: an article's folder depends on its collections (and theirs, up
 * to the top), which another pass of the same run reads; a collection moved or renamed moves every article under
 * it, though none of those articles changed. So the articles' documents and the collections are staged in the
 * database (in the pages' transactions, with the state), and here every live document is written where the
 * collections now put it (only when its text or place changed), a moved one's old file removed, a deleted one's
 * file removed, and a folder that left empty removed too. `_markdown_files` remembers where each article's file is, so a move or a deletion finds the old
 * file; it is written after the files, so a run killed in between finds the files already in place next time.
 */
import { runtime } from "../../runtime/mod.ts";
import type { SqliteDatabase } from "../../runtime/types.ts";
import type { JsonRecord } from "../types.ts";
import { documentFileText } from "./document-file.ts";
import { createFileIndexTable, FILE_INDEX_TABLE } from "./file-index.ts";
import type { DirectoryFiles } from "./files.ts";
import { ARTICLE_FOLDER, articlePath, collectionFolder, type TreeCollection } from "./paths.ts";

export const ARTICLE_STREAM = "article_documents";
export const COLLECTION_STREAM = "collections";

export interface TreeChanges {
  written: number;
  removed: number;
}

export async function syncArticleTree(databasePath: string, files: DirectoryFiles): Promise<TreeChanges> {
  const db = await runtime.openSqlite(databasePath);
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    createFileIndexTable(db);
    if (!hasTable(db, ARTICLE_STREAM)) return { written: 0, removed: 0 };
    const collections = hasTable(db, COLLECTION_STREAM) ? readCollections(db) : new Map<string, TreeCollection>();
    const placed = new Map(
      db.prepare(`SELECT key, path FROM ${FILE_INDEX_TABLE} WHERE stream = ?`).all(ARTICLE_STREAM).map((row) => [String(row.key), String(row.path)]),
    );
    const changes: TreeChanges = { written: 0, removed: 0 };
    const now = new Map<string, string | undefined>();
    for (const row of db.prepare(`SELECT data, _deleted_at FROM "${ARTICLE_STREAM}"`).all()) {
      const document = JSON.parse(String(row.data)) as JsonRecord;
      const key = JSON.stringify([String(document.id), String(document.locale)]);
      const before = placed.get(key);
      if (row._deleted_at !== null && row._deleted_at !== undefined) {
        if (before !== undefined) {
          await files.remove(before);
          changes.removed++;
          now.set(key, undefined);
        }
        continue;
      }
      const ids = Array.isArray(document.collection_ids) ? document.collection_ids.map(String) : [];
      const path = articlePath({
        id: String(document.id),
        title: typeof document.title === "string" ? document.title : null,
        locale: typeof document.locale === "string" ? document.locale : null,
        collectionId: ids[0] ?? null,
      }, collections);
      if (await files.write(path, documentFileText(document))) changes.written++;
      if (before !== undefined && before !== path) {
        await files.remove(before);
        changes.removed++;
      }
      if (before !== path) now.set(key, path);
    }
    const upsert = db.prepare(`INSERT OR REPLACE INTO ${FILE_INDEX_TABLE} (stream, key, path) VALUES (?, ?, ?)`);
    const forget = db.prepare(`DELETE FROM ${FILE_INDEX_TABLE} WHERE stream = ? AND key = ?`);
    db.exec("BEGIN IMMEDIATE");
    try {
      for (const [key, path] of now) path === undefined ? forget.run(ARTICLE_STREAM, key) : upsert.run(ARTICLE_STREAM, key, path);
      db.exec("COMMIT");
    } catch (error) {
      db.exec("ROLLBACK");
      throw error;
    }
    // The folders that moved or deleted articles left empty; articles/ itself stays, as DIR does.
    await files.removeEmptiedFolders(ARTICLE_FOLDER);
    return changes;
  } finally {
    db.close();
  }
}

function hasTable(db: SqliteDatabase, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").all(name).length > 0;
}

/** The live collections: each one's folder (paths.ts) and the collection it is a section of. */
function readCollections(db: SqliteDatabase): Map<string, TreeCollection> {
  const collections = new Map<string, TreeCollection>();
  for (const row of db.prepare(`SELECT data FROM "${COLLECTION_STREAM}" WHERE _deleted_at IS NULL`).all()) {
    const collection = JSON.parse(String(row.data)) as JsonRecord;
    const id = String(collection.id);
    const name = typeof collection.name === "string" ? collection.name : "";
    const parent = collection.parent_id;
    collections.set(id, { folder: collectionFolder(id, name), parentId: parent === null || parent === undefined ? null : String(parent) });
  }
  return collections;
}
