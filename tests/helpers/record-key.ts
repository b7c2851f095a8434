/** A record's identity as one string: its stream's primary key fields, in catalog order. */
import { streamByName } from "../../src/streams/catalog.ts";

const SEPARATOR = "\u241f";

export function primaryKeyOf(stream: string): string[] {
  const definition = streamByName(stream);
  if (definition === undefined) throw new Error(`unknown stream ${stream}`);
  return definition.primaryKey;
}

export function recordKey(stream: string, record: Record<string, unknown>): string {
  return primaryKeyOf(stream)
    .map((field) => String(record[field]))
    .join(SEPARATOR);
}
