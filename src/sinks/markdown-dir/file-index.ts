/**
 * `_markdown_files` in the directory's database: where each document's file is, by stream and key. The articles'
 * tree (article-tree.ts) finds a moved or deleted article's old file there; transcripts are listed there too, after
 * their files are written and before the state that covers them, so a file deleted by hand can be noticed at the
 * start of the next run (missingFiles): the state still claims it, and only --full-refresh writes it again.
 */
import { runtime } from "../../runtime/mod.ts";
import type { SqliteDatabase } from "../../runtime/types.ts";
import { TRANSCRIPT_FOLDERS, type TranscriptStream } from "./paths.ts";

export const FILE_INDEX_TABLE = "_markdown_files";

export function createFileIndexTable(db: SqliteDatabase): void {
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${FILE_INDEX_TABLE} (stream TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL, PRIMARY KEY (stream, key))`,
  );
}

/** The transcripts' files, listed as their pages are written: a second connection to the directory's database. */
export class TranscriptFileIndex {
  private constructor(private readonly db: SqliteDatabase) {}

  static async open(databasePath: string): Promise<TranscriptFileIndex> {
    const db = await runtime.openSqlite(databasePath);
    db.exec("PRAGMA busy_timeout = 5000");
    createFileIndexTable(db);
    return new TranscriptFileIndex(db);
  }

  /** One page's files: those written (listed) and those removed (forgotten), in one transaction. */
  record(stream: TranscriptStream, written: readonly { id: string; path: string }[], removed: readonly string[]): void {
    if (written.length === 0 && removed.length === 0) return;
    const upsert = this.db.prepare(`INSERT OR REPLACE INTO ${FILE_INDEX_TABLE} (stream, key, path) VALUES (?, ?, ?)`);
    const forget = this.db.prepare(`DELETE FROM ${FILE_INDEX_TABLE} WHERE stream = ? AND key = ?`);
    this.db.exec("BEGIN IMMEDIATE");
    try {
      for (const { id, path } of written) upsert.run(stream, id, path);
      for (const id of removed) forget.run(stream, id);
      this.db.exec("COMMIT");
    } catch (error) {
      this.db.exec("ROLLBACK");
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}

/** Files a stream's listing names that are not in the directory, at most `examples` of them named. */
export interface MissingFiles {
  stream: string;
  count: number;
  examples: string[];
}

/**
 * The listed transcripts' files that are gone from the directory (deleted by hand): one listing of each folder and
 * one read of the index, no file opened. Articles are not checked: every run writes each missing article file
 * again (article-tree.ts compares every live article with its file).
 */
export async function missingFiles(dir: string, databasePath: string, examples = 3): Promise<MissingFiles[]> {
  if (!(await runtime.fileExists(databasePath))) return [];
  const db = await runtime.openSqlite(databasePath);
  try {
    db.exec("PRAGMA busy_timeout = 5000");
    const hasIndex = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").all(FILE_INDEX_TABLE).length > 0;
    if (!hasIndex) return [];
    const found: MissingFiles[] = [];
    for (const [stream, folder] of Object.entries(TRANSCRIPT_FOLDERS)) {
      const listed = db.prepare(`SELECT path FROM ${FILE_INDEX_TABLE} WHERE stream = ?`).all(stream).map((row) => String(row.path));
      if (listed.length === 0) continue;
      const present = new Set((await runtime.listDirectory(`${dir.replace(/\/+$/, "") || "/"}/${folder}`)).map((name) => `${folder}/${name}`));
      const missing = listed.filter((path) => !present.has(path));
      if (missing.length > 0) found.push({ stream, count: missing.length, examples: missing.sort().slice(0, examples) });
    }
    return found;
  } finally {
    db.close();
  }
}
