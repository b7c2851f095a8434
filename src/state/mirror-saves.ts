/**
 * Saves of a state file that only mirrors a copy kept elsewhere: with `--sqlite` the database's `_state` row is
 * written in each page's transaction and is the copy that counts, so the file need not be fsynced after every
 * page. At most one write starts per `everyMs`, and the caller does not wait for it; the run's end saves and
 * flushes the last state. A write that fails is reported by the next call, so a broken file still fails the run.
 *
 * @example
 * const save = mirrorSaves(() => checkpointer.save(), 1000);
 * await save(); // returns at once; writes only if the last write started a second ago or more
 */
export function mirrorSaves(save: () => Promise<void>, everyMs: number, now: () => number = Date.now): () => Promise<void> {
  let lastStart = -Infinity;
  let failure: { error: unknown } | undefined;
  return () => {
    if (failure) {
      const { error } = failure;
      failure = undefined;
      return Promise.reject(error);
    }
    const at = now();
    if (at - lastStart < everyMs) return Promise.resolve();
    lastStart = at;
    save().catch((error: unknown) => {
      failure ??= { error };
    });
    return Promise.resolve();
  };
}
