/**
 * The Airbyte side of a `read`: a sink writing RECORD messages (a deletion: the key with `_ab_cdc_deleted_at`), each
 * with only the fields the configured catalog keeps (field-selection.ts) (preceded, per stream, by a RUNNING stream
 * status), a state store writing one per-stream STATE message for each stream whose progress changed at a
 * checkpoint (with sourceStats.recordCount: its records since its previous STATE), and the engine event
 * listener turning stream starts, ends and warnings into STREAM_STATUS traces and LOG messages.
 */
import type { EngineEventListener } from "../../engine/events.ts";
import type { StateStore } from "../../engine/state-store.ts";
import { airbyteLogMessage, type AirbyteMessage, airbyteRecordMessage, airbyteStateMessage, airbyteStreamStatus } from "../../sinks/airbyte.ts";
import type { JsonRecord, Sink } from "../../sinks/types.ts";
import { AIRBYTE_DELETED_AT, tombstoneRecord } from "../deleted-field.ts";
import { emittingStore } from "../emitting-store.ts";
import { ALL_FIELDS, type FieldSelections, keptFields, pickFields } from "../field-selection.ts";
import { protocolProgress } from "../state-keys-limit.ts";
import { asProtocolInfo } from "../stream-info.ts";
import type { MessageWriter } from "../message-writer.ts";

export interface AirbyteReadOutput {
  sink: Sink;
  store: StateStore;
  onEvent: EngineEventListener;
  /** Writes messages after the ones already handed over; a failed write is ignored (stdout is gone). */
  send(messages: AirbyteMessage[]): void;
}

export function createAirbyteReadOutput(
  out: MessageWriter,
  inner: StateStore,
  now: () => number = Date.now,
  /** The fields the configured catalog keeps per stream; the automatic ones are always among them. */
  fields: FieldSelections = ALL_FIELDS,
): AirbyteReadOutput {
  const sinceState = new Map<string, number>();
  const running = new Set<string>();
  const cursors = new Map<string, string | undefined>();
  let kept = new Map<string, ReadonlySet<string>>();
  const primaryKeys = new Map<string, readonly string[]>();
  const send = (messages: AirbyteMessage[]) => void out.write(messages).catch(() => {});

  const sink: Sink = {
    async open(infos) {
      const protocolInfos = infos.map((info) => asProtocolInfo(info));
      for (const info of protocolInfos) {
        cursors.set(info.name, info.cursorField);
        primaryKeys.set(info.name, info.primaryKey);
      }
      kept = keptFields(fields, protocolInfos, AIRBYTE_DELETED_AT);
    },
    write(stream, records, deletions = []) {
      if (records.length === 0 && deletions.length === 0) return Promise.resolve();
      const at = now();
      const messages: AirbyteMessage[] = [];
      if (!running.has(stream)) {
        running.add(stream);
        messages.push(airbyteStreamStatus(stream, "RUNNING", at));
      }
      const fieldsOfStream = kept.get(stream);
      for (const record of records) messages.push(airbyteRecordMessage(stream, pickFields(record, fieldsOfStream), at));
      for (const deletion of deletions) {
        const tombstone = tombstoneRecord(deletion, AIRBYTE_DELETED_AT, cursors.get(stream), primaryKeys.get(stream));
        messages.push(airbyteRecordMessage(stream, pickFields(tombstone, fieldsOfStream), at));
      }
      // Counted when queued: the queue's order is stdout's order, so the count is what precedes the next STATE.
      sinceState.set(stream, (sinceState.get(stream) ?? 0) + records.length + deletions.length);
      return out.write(messages);
    },
    // The command owns stdout: TRACE messages still follow the run.
    async close() {},
  };

  const store = emittingStore(inner, (streams) =>
    out.write(
      streams.map((stream) => {
        const count = sinceState.get(stream) ?? 0;
        sinceState.set(stream, 0);
        return airbyteStateMessage(stream, protocolProgress(inner.get(stream)), count);
      }),
    ));

  const onEvent: EngineEventListener = (event) => {
    switch (event.kind) {
      case "stream-start":
        return send([airbyteStreamStatus(event.stream, "STARTED", now())]);
      case "stream-done":
        return send([airbyteStreamStatus(event.stream, "COMPLETE", now())]);
      case "stream-failed":
        return send([airbyteStreamStatus(event.stream, "INCOMPLETE", now())]);
      case "warning":
        return send([airbyteLogMessage("WARN", `${event.stream}: ${event.message}`)]);
      case "estimate":
        return send([airbyteLogMessage("INFO", event.message)]);
      case "page":
        return;
    }
  };

  return { sink, store, onEvent, send };
}
