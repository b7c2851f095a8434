/** DuckDB (test-only dependency) reading what an export wrote: the reader analysts use on Parquet and CSV. */
import { DuckDBInstance } from "@duckdb/node-api";

/** Rows of one query as plain JS values (BIGINT as bigint, TIMESTAMP WITH TIME ZONE as Date). */
export async function duckdbQuery(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A path as a DuckDB string literal. */
export function duckdbString(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}
