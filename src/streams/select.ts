import { STREAMS, streamByName } from "./catalog.ts";
import type { StreamName } from "./catalog.ts";
import type { StreamDefinition } from "./types.ts";

/** The definitions for the chosen names (all streams when none are given), in catalog order. */
export function selectStreams(names?: readonly StreamName[]): StreamDefinition[] {
  if (!names || names.length === 0) return [...STREAMS];
  const wanted = new Set(names);
  const unknown = [...wanted].filter((name) => !streamByName(name));
  if (unknown.length > 0) throw new RangeError(`unknown streams: ${unknown.join(", ")}`);
  return STREAMS.filter((stream) => wanted.has(stream.name));
}
