/**
 * A list of plain values (SingleRead.values: the activity log's event type names) as records `{ [field]: value }`,
 * for the engine and for verify.
 * @example valueRecords({ event_types: ["admin_logout"] }, ["event_types"], "event_type", "s"); // [{ event_type: "admin_logout" }]
 */
import type { JsonRecord } from "../streams/types.ts";
import { valueAt } from "./records.ts";
import { MalformedPageError } from "../errors.ts";

export function valueRecords(body: unknown, path: readonly string[], field: string, stream: string): JsonRecord[] {
  const values = valueAt(body, path);
  if (!Array.isArray(values) || values.some((value) => typeof value !== "string" && typeof value !== "number")) {
    throw new MalformedPageError(stream, `expected an array of plain values at \`${path.join(".")}\``);
  }
  return values.map((value) => ({ [field]: value }));
}
