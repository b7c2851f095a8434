import { expect, test } from "bun:test";
import { STREAMS } from "../../src/streams/catalog.ts";

/** Options only a library caller can pass to runSync: `intercom-sync streams` must not offer them to CLI users. */
const LIBRARY_ONLY_OPTIONS = ["membershipRead", "per-parent"];

test("what `streams` prints about a stream names no setting that no flag or config key sets", () => {
  for (const stream of STREAMS) {
    const told = [stream.description, stream.notes ?? "", stream.optIn ?? ""].join("\n");
    for (const option of LIBRARY_ONLY_OPTIONS) {
      expect({ stream: stream.name, mentions: told.includes(option) }).toEqual({ stream: stream.name, mentions: false });
    }
  }
});
