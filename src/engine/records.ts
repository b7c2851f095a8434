import type { JsonRecord } from "../streams/types.ts";
import { MalformedPageError } from "../errors.ts";

/** The array of records at `path` in a response body; anything else is a malformed response. */
export function selectRecords(body: unknown, path: readonly string[], stream: string): JsonRecord[] {
  let node: unknown = body;
  for (const key of path) {
    if (node === null || typeof node !== "object") break;
    node = (node as Record<string, unknown>)[key];
  }
  if (!Array.isArray(node)) {
    throw new MalformedPageError(stream, `expected an array at \`${path.join(".")}\`, got ${describe(node)}`);
  }
  for (const item of node) {
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      throw new MalformedPageError(stream, `expected objects at \`${path.join(".")}\`, got ${describe(item)}`);
    }
  }
  return node as JsonRecord[];
}

/** The value at `path` in a parsed body or record; undefined where the path runs out. */
export function valueAt(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) node = (node as Record<string, unknown> | null | undefined)?.[key];
  return node;
}

/** The record with only `keys` (those it has). */
export function pick(record: JsonRecord, keys: readonly string[]): JsonRecord {
  return Object.fromEntries(keys.filter((key) => key in record).map((key) => [key, record[key]]));
}

/** A record's cursor value in unix seconds, or undefined when it has none. */
export function cursorValue(record: JsonRecord, field: string | undefined): number | undefined {
  if (!field) return undefined;
  const value = record[field];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value;
}
