/**
 * A child read on the passes of several parents (custom object instances, referred to by conversations and by
 * tickets) has one progress per parent: each pass reads its parent from its own cursor and leaves its own windows
 * when killed, so one parent's read can never move the cursor past what the other's has not written. The first
 * parent's progress is the stream's own (as for any child); a further parent's is kept in the stream's progress
 * under `parents[parent]`. A pass sees its streams' progress through `passStore`, so every reader, checkpoint and
 * resume of the pass works unchanged.
 */
import type { Pass } from "./pass.ts";
import type { StateStore, StreamProgress } from "./state-store.ts";

/** The pass's view of `store`: the streams it serves as a further parent's read see and move that parent's progress. */
export function passStore(store: StateStore, pass: Pass): StateStore {
  const further = new Set(pass.children.filter((child) => child.parent!.stream !== pass.root.name).map((child) => child.name));
  if (further.size === 0) return store;
  const parent = pass.root.name;
  return {
    get: (stream) => further.has(stream) ? store.get(stream)?.parents?.[parent] : store.get(stream),
    update(stream, patch) {
      if (!further.has(stream)) return store.update(stream, patch);
      const parents = store.get(stream)?.parents ?? {};
      const next: StreamProgress = { ...parents[parent], ...patch };
      for (const key of Object.keys(next) as (keyof StreamProgress)[]) if (next[key] === undefined) delete next[key];
      store.update(stream, { parents: { ...parents, [parent]: next } });
    },
    save: () => store.save(),
  };
}
