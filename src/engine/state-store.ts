/**
 * What the engine needs from saved state: read a stream's progress, record new progress, and make it
 * durable. src/state/ provides the file-backed one; `memoryStateStore` serves runs without a state file.
 */

export interface WindowProgress {
  /** Inclusive, unix seconds. */
  start: number;
  /** Exclusive, unix seconds. */
  end: number;
  /** Where the next page starts: a search `starting_after`, or the next page's link. */
  position?: string;
  /** Every page of the window is written (it finished before an earlier window did). */
  done?: boolean;
}

export interface StreamProgress {
  /** Every record whose cursor field is below this (unix seconds) has been written. */
  cursor?: number;
  /** Windows from the cursor on that were started, in time order. */
  windows?: WindowProgress[];
  lastSyncedAt?: number;
  outcome?: "ok" | "failed";
  error?: string;
  /** A stream read whole every run: the keys its last complete read saw (src/engine/deletions/complete-read.ts). */
  seen?: SeenKeys;
  /** Unix seconds: every deletion of the stream's deletion feed before this has been written. */
  deletedCursor?: number;
}

/**
 * The keys of a complete read: packed (key-codec.ts) with the SHA-256 of the sorted list; earlier versions wrote
 * them inline (`keys`) or by digest alone, the list in a KeyStore.
 */
export interface SeenKeys {
  count: number;
  keys?: string[];
  digest?: string;
  packed?: string;
}

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
