/**
 * A stream as the Airbyte and Singer catalogs describe it: the cursor a protocol may declare (see
 * streams/sync-modes.ts: none for streams read whole every run, `updated_at` for conversation parts, which follow
 * conversations) and the schema in draft-07.
 */
import { streamInfo } from "../engine/run-sync.ts";
import type { StreamInfo } from "../sinks/types.ts";
import { streamByName } from "../streams/catalog.ts";
import { incrementalCursor } from "../streams/sync-modes.ts";
import type { StreamDefinition } from "../streams/types.ts";
import { toDraft07 } from "./draft-07.ts";

export function protocolStreamInfo(stream: StreamDefinition): StreamInfo {
  const info = streamInfo(stream);
  return { ...info, cursorField: incrementalCursor(stream), schema: toDraft07(info.schema) };
}

/** The same for a StreamInfo the engine hands a sink (its own schema, e.g. in tests, is kept). */
export function asProtocolInfo(info: StreamInfo): StreamInfo {
  const stream = streamByName(info.name);
  return { ...info, cursorField: stream ? incrementalCursor(stream) : info.cursorField, schema: toDraft07(info.schema) };
}
