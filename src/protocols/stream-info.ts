/**
 * A stream as the Airbyte and Singer catalogs describe it: the cursor a protocol may declare (see
 * streams/sync-modes.ts protocolCursor: none for streams read whole every run, `updated_at` for conversation parts,
 * which follow conversations, and for company segments, sent by comparing keys) and the schema in draft-07.
 */
import { streamInfo } from "../engine/run-sync.ts";
import type { StreamInfo } from "../sinks/types.ts";
import { streamByName } from "../streams/catalog.ts";
import { protocolCursor } from "../streams/sync-modes.ts";
import type { StreamDefinition } from "../streams/types.ts";
import { withDeletedField } from "./deleted-field.ts";
import { toDraft07 } from "./draft-07.ts";

/** `deletedField` (`_sdc_deleted_at`, `_ab_cdc_deleted_at`) is declared in the schema: deletions carry it. */
export function protocolStreamInfo(stream: StreamDefinition, deletedField?: string): StreamInfo {
  const info = streamInfo(stream);
  return { ...info, cursorField: protocolCursor(stream), schema: protocolSchema(info, deletedField) };
}

/** The same for a StreamInfo the engine hands a sink (its own schema, e.g. in tests, is kept). */
export function asProtocolInfo(info: StreamInfo, deletedField?: string): StreamInfo {
  const stream = streamByName(info.name);
  return { ...info, cursorField: stream ? protocolCursor(stream) : info.cursorField, schema: protocolSchema(info, deletedField) };
}

function protocolSchema(info: StreamInfo, deletedField: string | undefined) {
  const schema = toDraft07(info.schema);
  return deletedField === undefined ? schema : withDeletedField(schema, deletedField);
}
