/**
 * What the engine needs from saved state: read a stream's progress, record new progress, and make it
 * durable. src/state/ provides the file-backed one; `memoryStateStore` serves runs without a state file.
 */
import type * as v from "valibot";
import type { SeenKeysSchema, StreamProgressSchema, WindowSchema } from "./progress-schema.ts";

/** A window of a windowed read, as progress-schema.ts declares it. */
export type WindowProgress = v.InferOutput<typeof WindowSchema>;
/** A stream's progress, as progress-schema.ts declares it: the shape every state store keeps. */
export type StreamProgress = v.InferOutput<typeof StreamProgressSchema>;
/** The keys of a complete read, as progress-schema.ts declares them. */
export type SeenKeys = v.InferOutput<typeof SeenKeysSchema>;

export interface StateStore {
  get(stream: string): StreamProgress | undefined;
  /** Replace fields of a stream's progress; `undefined` values remove them. */
  update(stream: string, patch: Partial<StreamProgress>): void;
  /** Make every update so far durable. Called only after the records they cover were handed to the sink. */
  save(): Promise<void>;
}

export function memoryStateStore(initial: Record<string, StreamProgress> = {}): StateStore {
  const streams: Record<string, StreamProgress> = structuredClone(initial);
  return {
    get: (stream) => streams[stream],
    update(stream, patch) {
      const next: StreamProgress = { ...streams[stream], ...patch };
      for (const key of Object.keys(next) as (keyof StreamProgress)[]) if (next[key] === undefined) delete next[key];
      streams[stream] = next;
    },
    save: async () => {},
  };
}
