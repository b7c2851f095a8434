/**
 * A digest of what an export wrote into SQLite, to tell two runs' exports apart (two builds, or two ways of
 * writing): SHA-256 over every column but `_synced_at`
 * (the run's clock) of every row, in primary-key order, table by table. Read in slices, so a 1M-row table does
 * not sit in memory at once (take the run's peak RSS before calling it).
 */
import { createHash } from "node:crypto";
import { runtime } from "../src/runtime/mod.ts";

const SLICE = 10_000;

export async function exportDigest(dbPath: string, tables: readonly string[]): Promise<string> {
  const db = await runtime.openSqlite(dbPath);
  const hash = createHash("sha256");
  try {
    for (const table of tables) {
      const info = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; pk: number }[];
      const key = info.filter((column) => column.pk > 0).sort((a, b) => a.pk - b.pk).map((column) => column.name);
      if (key.length !== 1) throw new Error(`export digest: table ${table} has a key of ${key.length} columns; only one is supported`);
      const columns = info.map((column) => column.name).filter((name) => name !== "_synced_at");
      const select = db.prepare(
        `SELECT ${columns.map((name) => `"${name}"`).join(", ")} FROM "${table}" WHERE "${key[0]}" > ? ORDER BY "${key[0]}" LIMIT ${SLICE}`,
      );
      hash.update(`${table}\n`);
      let after: string | number = "";
      for (;;) {
        const rows = select.all(after);
        for (const row of rows) hash.update(`${JSON.stringify(row)}\n`);
        if (rows.length < SLICE) break;
        runtime.collectGarbage(); // each slice is garbage at once, and Bun collects it late
        after = rows.at(-1)![key[0]!] as string | number;
      }
    }
  } finally {
    db.close();
  }
  return hash.digest("hex");
}
