/**
 * `sync --format singer`: the Singer tap side of a run. A sink that writes SCHEMA messages for every stream at
 * open and RECORD messages per page (a deletion: the key with `_sdc_deleted_at`, see deleted-field.ts), each with
 * only the fields the catalog selects (field-selection.ts), and a state store that, after each checkpoint, writes a STATE message
 * holding every stream's progress as `{"bookmarks": {stream: progress}}`. The wrapped store still persists the
 * state file as usual.
 * @example
 * const { sink, store } = createSingerOutput(runtime.stdout(), fileStore);
 * await runSync({ client, sink, store, ... });
 */
import type { StateStore } from "../../engine/state-store.ts";
import { singerRecordMessage, singerSchemaMessage, singerStateMessage } from "../../sinks/singer.ts";
import type { JsonRecord, Sink } from "../../sinks/types.ts";
import { emittingStore } from "../emitting-store.ts";
import { createMessageWriter } from "../message-writer.ts";
import { SINGER_DELETED_AT, tombstoneRecord } from "../deleted-field.ts";
import { ALL_FIELDS, type FieldSelections, keptFields, pickFields, pickSchemaFields } from "../field-selection.ts";
import { protocolProgress } from "../state-keys-limit.ts";
import { pacedStates } from "./state-pacing.ts";
import { asProtocolInfo } from "../stream-info.ts";

export interface SingerOutput {
  sink: Sink;
  store: StateStore;
}

export function createSingerOutput(
  output: WritableStream<Uint8Array>,
  inner: StateStore,
  now: () => number = Date.now,
  /** Bookmarks of streams not read this run, carried forward unchanged in every STATE (the Singer convention). */
  carried: Record<string, unknown> = {},
  /** The fields the catalog selects per stream; the automatic ones are always among them. */
  fields: FieldSelections = ALL_FIELDS,
): SingerOutput {
  const out = createMessageWriter(output);
  let streams: string[] = [];
  const cursors = new Map<string, string | undefined>();
  let kept = new Map<string, ReadonlySet<string>>();
  const primaryKeys = new Map<string, readonly string[]>();
  const bookmarks = (): Record<string, JsonRecord> => {
    const value: Record<string, JsonRecord> = {};
    for (const [stream, bookmark] of Object.entries(carried)) {
      if (!streams.includes(stream) && typeof bookmark === "object" && bookmark !== null) value[stream] = bookmark as JsonRecord;
    }
    for (const stream of streams) {
      const progress = inner.get(stream);
      if (progress !== undefined) value[stream] = protocolProgress(progress);
    }
    return value;
  };
  const sink: Sink = {
    async open(infos) {
      streams = infos.map((info) => info.name);
      // Bookmark properties as discover declares them (none for streams read whole), schemas in draft-07.
      const protocolInfos = infos.map((info) => asProtocolInfo(info, SINGER_DELETED_AT));
      for (const info of protocolInfos) {
        cursors.set(info.name, info.cursorField);
        primaryKeys.set(info.name, info.primaryKey);
      }
      kept = keptFields(fields, protocolInfos, SINGER_DELETED_AT);
      await out.write(protocolInfos.map((info) => singerSchemaMessage({ ...info, schema: pickSchemaFields(info.schema, kept.get(info.name)) })));
    },
    write(stream, records, deletions = []) {
      const at = now();
      const fieldsOfStream = kept.get(stream);
      const tombstones = deletions.map((deletion) => tombstoneRecord(deletion, SINGER_DELETED_AT, cursors.get(stream), primaryKeys.get(stream)));
      return out.write([...records, ...tombstones].map((record) => singerRecordMessage(stream, pickFields(record, fieldsOfStream), at)));
    },
    // A STATE held back (state-pacing.ts) goes out last, after every record.
    close: async () => {
      try {
        await pacing.flush();
      } finally {
        await out.close();
      }
    },
  };
  const pacing = pacedStates((value) => out.write([singerStateMessage(value)]), now);
  const store = emittingStore(inner, () => pacing.offer(bookmarks()));
  return { sink, store };
}
