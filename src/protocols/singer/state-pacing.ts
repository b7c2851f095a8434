/**
 * How often Singer STATE messages go out. Singer repeats every stream's bookmark in every STATE, and a stream read
 * whole carries its last complete read's keys there (up to 1 MB, see ../state-keys-limit.ts): written after every
 * checkpoint, a 100,000-company workspace would repeat them thousands of times. A STATE carrying more than
 * LARGE_STATE_KEYS characters of keys is therefore written at most once per LARGE_STATE_EVERY_MS; the newest one
 * held back is written when the output closes, so the last message is still the whole state. Smaller states go
 * out after every checkpoint, as before. A run killed meanwhile resumes from a STATE at most that old: Singer
 * delivery is at least once, and the records since are read again.
 *
 * @example
 * const pacing = pacedStates((bookmarks) => out.write([singerStateMessage(bookmarks)]));
 * await pacing.offer(bookmarks()); // written now, or held back
 * await pacing.flush(); // at close: the one held back, if any
 */
import type { JsonRecord } from "../../sinks/types.ts";

export const LARGE_STATE_KEYS = 64 * 1024;
export const LARGE_STATE_EVERY_MS = 30_000;

type Bookmarks = Record<string, JsonRecord>;

export interface PacedStates {
  /** A STATE's bookmarks, taken now: written at once, or held back until later or the flush. */
  offer(bookmarks: Bookmarks): Promise<void>;
  flush(): Promise<void>;
}

export function pacedStates(write: (bookmarks: Bookmarks) => Promise<void>, clock: () => number = Date.now): PacedStates {
  let lastWrittenMs = -Infinity;
  let heldBack: Bookmarks | undefined;
  const send = (value: Bookmarks) => {
    heldBack = undefined;
    lastWrittenMs = clock();
    return write(value);
  };
  return {
    offer(value) {
      if (packedKeysLength(value) > LARGE_STATE_KEYS && clock() - lastWrittenMs < LARGE_STATE_EVERY_MS) {
        heldBack = value;
        return Promise.resolve();
      }
      return send(value);
    },
    flush: () => (heldBack === undefined ? Promise.resolve() : send(heldBack)),
  };
}

/** Characters of packed keys in a STATE's bookmarks (`{stream: {seen: {packed}}}`). */
function packedKeysLength(bookmarks: Bookmarks): number {
  let length = 0;
  for (const bookmark of Object.values(bookmarks)) {
    const packed = (bookmark.seen as { packed?: unknown } | undefined)?.packed;
    if (typeof packed === "string") length += packed.length;
  }
  return length;
}
