/**
 * How much of a complete read's keys (`seen.packed`) an Airbyte or Singer STATE message carries. Platforms keep
 * and pass back state whole, and Singer repeats every stream's bookmark in every STATE, so a stream's packed keys
 * travel only up to PROTOCOL_KEYS_LIMIT characters (at least 60,000 Intercom company ids; numeric ids such as
 * admins' and tags' never come near). A longer list is left out of the STATE altogether — not cut — so the next
 * run finds no earlier read and compares from then on, with no warning: the limit is stated once, by discover and
 * spec (PROTOCOL_KEYS_STATEMENT), and in the README. A state file or a database keeps any length.
 *
 * @example
 * airbyteStateMessage(stream, protocolProgress(store.get(stream)), count);
 */
import type { StreamProgress } from "../engine/state-store.ts";
import type { JsonRecord } from "../sinks/types.ts";

/** Characters of base64: 1 MiB. */
export const PROTOCOL_KEYS_LIMIT = 1_048_576;

export const PROTOCOL_KEYS_STATEMENT =
  "Deletions of streams read whole (admins, tags, companies…) are found from the keys their last complete read saw, " +
  "carried in the state compactly up to 1 MB per stream (at least 60,000 companies); a stream with more keys is " +
  "exported without deletions (intercom-sync sync --sqlite or --output keeps keys of any number).";

/** A stream's progress as a STATE message carries it: without `seen` when its packed keys are over the limit. */
export function protocolProgress(progress: StreamProgress | undefined): JsonRecord {
  if (progress === undefined) return {};
  const packed = progress.seen?.packed;
  if (packed === undefined || packed.length <= PROTOCOL_KEYS_LIMIT) return { ...progress } as JsonRecord;
  const { seen: _tooLong, ...rest } = progress;
  return rest as JsonRecord;
}
