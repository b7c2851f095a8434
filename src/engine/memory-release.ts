/**
 * Hands memory back every so many records written. Bun frees the parsed pages' garbage (and the allocator's pages
 * under it) late: 1M contacts into SQLite at the rate limit peaked at 164–176 MiB. Asking for a collection
 * without waiting for it (runtime.releaseMemory) every 600 records: 133–135 MiB with no more main-thread CPU
 * (25.4 CPU s against 23–34 s without); every 1,200 records: 146 MiB. A synchronous full collection every
 * 9,600 records held 137 MiB but cost the main thread a fifth more CPU; a young-generation one raised the peak.
 */
import { runtime } from "../runtime/mod.ts";

export const RECORDS_BETWEEN_RELEASES = 600;

export function memoryRelease(release: () => void = runtime.releaseMemory, every = RECORDS_BETWEEN_RELEASES): (records: number) => void {
  let since = 0;
  return (records) => {
    since += records;
    if (since < every) return;
    since = 0;
    release();
  };
}
