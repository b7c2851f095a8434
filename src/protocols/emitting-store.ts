/**
 * A StateStore that announces progress: after each save() it hands the streams updated since the last
 * announcement to `emit`. The engine updates a stream only after its records were handed to the sink, so a
 * state message emitted here always follows the records it covers (the Airbyte and Singer rule).
 */
import type { StateStore } from "../engine/state-store.ts";

export function emittingStore(inner: StateStore, emit: (streams: string[]) => Promise<void>): StateStore {
  const dirty = new Set<string>();
  return {
    get: (stream) => inner.get(stream),
    update(stream, patch) {
      inner.update(stream, patch);
      dirty.add(stream);
    },
    async save() {
      await inner.save();
      if (dirty.size === 0) return;
      const streams = [...dirty];
      dirty.clear();
      await emit(streams);
    },
  };
}
