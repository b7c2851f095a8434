/**
 * `verify --repair` for contacts, conversations and tickets: every id read through search (150 per page), then
 * written through the output's own sink — a deletion for each id the output holds live that Intercom no longer has
 * (contacts are only ever deleted this way: no deletion feed exists for them in stable API versions), and each
 * record the output lacks, with its held child rows (a conversation's parts: one GET per record, as the sync does).
 * Batches carry no progress of their own: no cursor moves (SQLite's `_state` is left as it is; an `--output`
 * file's new length is recorded by the caller through `onAppended`).
 */
import { childPaging } from "../engine/children.ts";
import { allRecords, getPages } from "../engine/pager.ts";
import { pick, selectRecords, valueAt } from "../engine/records.ts";
import type { Deletion, Page, Sink } from "../sinks/types.ts";
import { streamByName, STREAMS } from "../streams/catalog.ts";
import type { JsonRecord, StreamDefinition } from "../streams/types.ts";
import type { HeldOutput } from "./held.ts";
import type { VerifyReader } from "./intercom-numbers.ts";
import { readEveryId } from "./read-ids.ts";
import { GoneError, NotFoundError } from "../errors.ts";

/** The streams `--repair` reads whole. */
export const REPAIRABLE = ["contacts", "conversations", "tickets"] as const;
/** Records written per batch (each batch one transaction / one append). */
const BATCH = 150;

export interface StreamRepair {
  stream: string;
  /** Ids Intercom has. */
  intercom: number;
  /** Held live ids Intercom no longer has: now marked deleted. */
  deleted: number;
  /** Records the output lacked: now written. */
  added: number;
}

/** The held streams whose rows hang off `parent` and can be rebuilt from it: fetched (`child`) or embedded. */
export function heldChildren(parent: string, held: HeldOutput): StreamDefinition[] {
  return STREAMS.filter(
    (stream) =>
      held.streams.has(stream.name) && stream.parent?.stream === parent && (stream.read.kind === "child" || stream.read.kind === "embedded"),
  );
}

async function childRows(reader: VerifyReader, child: StreamDefinition, parent: JsonRecord): Promise<JsonRecord[]> {
  const link = child.parent!;
  const read = child.read;
  let records: JsonRecord[];
  if (read.kind === "embedded") {
    records = valueAt(parent, read.field) == null ? [] : selectRecords(parent, read.field, child.name);
    if (read.keep) records = records.map((record) => pick(record, read.keep!));
  } else if (read.kind === "child") {
    try {
      // Every page of a paged list, as the sync reads it.
      const { client, signal } = reader;
      const pages = getPages({
        client,
        signal,
        stream: child.name,
        path: link.path!(parent),
        paging: childPaging(read),
        records: (body) => selectRecords(body, read.recordPath, child.name),
      });
      records = await allRecords(pages);
    } catch (error) {
      // Deleted between the search and this request: the next repair or sync sees it.
      if (error instanceof NotFoundError || error instanceof GoneError) return [];
      throw error;
    }
  } else {
    return [];
  }
  const fields = link.fields(parent);
  return records.map((record) => ({ ...record, ...fields }));
}

/** Make the output's `stream` hold exactly Intercom's ids; `say` is told what is about to happen. */
export async function repairStream(
  reader: VerifyReader,
  stream: StreamDefinition,
  held: HeldOutput,
  sink: Sink,
  say: (text: string) => void,
): Promise<StreamRepair> {
  const heldKeys = held.streams.get(stream.name)?.keys ?? new Set<string>();
  const { ids, lacking } = await readEveryId(reader, stream, heldKeys);
  const gone = [...heldKeys].filter((id) => !ids.has(id));
  const children = heldChildren(stream.name, held);
  if (gone.length + lacking.length > 0) {
    say(
      `${stream.name}: ${gone.length} to mark deleted, ${lacking.length} to write${
        children.length > 0 && lacking.length > 0 ? ` (with their ${children.map((c) => c.name).join(", ")})` : ""
      }`,
    );
  }
  const commit = (pages: Page[]) => sink.commit!({ pass: stream.name, pages, progress: () => () => {} });

  const deletedAt = reader.now;
  for (let at = 0; at < gone.length; at += BATCH * 10) {
    const deletions: Deletion[] = gone.slice(at, at + BATCH * 10).map((id) => ({ key: { id }, deletedAt }));
    await commit([{ stream: stream.name, records: [], deletions }]);
  }
  for (let at = 0; at < lacking.length; at += BATCH) {
    const records = lacking.slice(at, at + BATCH);
    const pages: Page[] = [{ stream: stream.name, records }];
    for (const child of children) {
      const rows: JsonRecord[] = [];
      for (const record of records) rows.push(...(await childRows(reader, child, record)));
      pages.push({ stream: child.name, records: rows });
    }
    await commit(pages);
  }
  return { stream: stream.name, intercom: ids.size, deleted: gone.length, added: lacking.length };
}

/** The streams `--repair` works on among those selected and held. */
export function repairableStreams(selected: readonly StreamDefinition[], held: HeldOutput): StreamDefinition[] {
  const names = new Set(selected.map((stream) => stream.name));
  return REPAIRABLE.filter((name) => names.has(name) && held.streams.has(name)).map((name) => streamByName(name)!);
}
