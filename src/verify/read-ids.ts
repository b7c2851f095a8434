/**
 * `verify --repair`'s full read of a search stream: every record through its search, 150 per page (the largest
 * Intercom documents), oldest first. Only the ids are kept, plus the records whose ids the output lacks (to write
 * them), so a million contacts cost ~6,700 requests and the memory of their ids.
 */
import { cursorOf, listPages } from "../engine/pager.ts";
import { selectRecords } from "../engine/records.ts";
import type { JsonRecord, StreamDefinition } from "../streams/types.ts";
import type { VerifyReader } from "./intercom-numbers.ts";

const DAY = 86_400;
export const REPAIR_PAGE = 150;

export interface SearchedIds {
  ids: Set<string>;
  /** Records Intercom has whose ids `held` lacks. */
  lacking: JsonRecord[];
}

function search(reader: VerifyReader, stream: StreamDefinition, perPage: number, after?: string): Promise<unknown> {
  if (stream.read.kind !== "search") throw new Error(`${stream.name} is not read through search`);
  const field = stream.cursorField!;
  return reader.client.request({
    method: "POST",
    path: stream.read.path,
    stream: stream.name,
    signal: reader.signal,
    body: {
      // Every record: updated before tomorrow (the form the sync's own first window takes).
      query: { field, operator: "<", value: reader.now + DAY },
      pagination: { per_page: perPage, ...(after ? { starting_after: after } : {}) },
      sort: { field, order: "ascending" },
    },
  });
}

/** Requests a full read of `total` records costs. */
export function pagesFor(total: number): number {
  return Math.max(1, Math.ceil(total / REPAIR_PAGE));
}

export async function readEveryId(reader: VerifyReader, stream: StreamDefinition, held: ReadonlySet<string>): Promise<SearchedIds> {
  const recordPath = stream.read.kind === "search" ? stream.read.recordPath : [];
  const ids = new Set<string>();
  const lacking: JsonRecord[] = [];
  const list = listPages({
    stream: stream.name,
    paging: "cursor",
    ask: (next) => search(reader, stream, REPAIR_PAGE, cursorOf(next)),
    records: (body) => selectRecords(body, recordPath, stream.name),
  });
  for await (const page of list) {
    for (const record of page.records) {
      const id = String(record.id);
      if (ids.has(id)) continue;
      ids.add(id);
      if (!held.has(id)) lacking.push(record);
    }
  }
  return { ids, lacking };
}
