import { streamByName, STREAMS } from "./catalog.ts";
import type { StreamName } from "./catalog.ts";
import type { StreamDefinition } from "./types.ts";

/**
 * The streams a run exports when none are named: every stream but the opt-in ones, which cost a request per
 * record of their parent (see StreamSpec.optIn) and are read only when named.
 */
export const DEFAULT_STREAMS: readonly StreamDefinition[] = STREAMS.filter((stream) => !stream.optIn);

/** The definitions for the chosen names (the default set when none are given), in catalog order. */
export function selectStreams(names?: readonly StreamName[]): StreamDefinition[] {
  if (!names || names.length === 0) return [...DEFAULT_STREAMS];
  const wanted = new Set(names);
  const unknown = [...wanted].filter((name) => !streamByName(name));
  if (unknown.length > 0) throw new RangeError(`unknown streams: ${unknown.join(", ")}`);
  return STREAMS.filter((stream) => wanted.has(stream.name));
}
