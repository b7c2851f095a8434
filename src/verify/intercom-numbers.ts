/**
 * What `verify` asks Intercom, a few requests per stream: a search's `total_count` (one request of one record),
 * the records a search finds updated after a given time (a few pages, only when they are few), a full table's
 * whole list (its usual pages), and the companies list's `total_count` and ids (GET /companies, up to 10,000).
 */
import { allRecords, cursorOf, getPages, listPages, type Paging } from "../engine/pager.ts";
import { withAddedFields } from "../engine/passes/list-pass.ts";
import { selectRecords } from "../engine/records.ts";
import type { ApiVersion } from "../api-versions.ts";
import type { ApiClient } from "../http/types.ts";
import { readOn } from "../streams/versioned.ts";
import type { JsonRecord, ListRead, SearchRead, SingleRead, StreamDefinition } from "../streams/types.ts";
import { NotFoundError } from "../errors.ts";

const DAY = 86_400;
/** The largest search page Intercom documents. */
const SEARCH_PAGE = 150;
/** Companies per GET /companies page while listing ids. */
const COMPANY_PAGE = 50;
/** GET /companies stops here; beyond it only the count is compared. */
export const COMPANY_LIST_LIMIT = 10_000;

export interface VerifyReader {
  client: ApiClient;
  signal?: AbortSignal;
  intercomVersion: ApiVersion;
  /** Unix seconds. */
  now: number;
}

function totalCount(body: unknown): number | undefined {
  const total = (body as { total_count?: unknown } | null)?.total_count;
  return typeof total === "number" ? total : undefined;
}

function searchRead(stream: StreamDefinition): SearchRead {
  if (stream.read.kind !== "search") throw new Error(`${stream.name} is not read through search`);
  return stream.read;
}

function search(reader: VerifyReader, stream: StreamDefinition, query: unknown, perPage: number, after?: string): Promise<unknown> {
  return reader.client.request({
    method: "POST",
    path: searchRead(stream).path,
    stream: stream.name,
    signal: reader.signal,
    body: {
      query,
      pagination: { per_page: perPage, ...(after ? { starting_after: after } : {}) },
      sort: { field: stream.cursorField, order: "ascending" },
    },
  });
}

/** How many records a search stream has in Intercom: one request for one record. */
export async function searchTotal(reader: VerifyReader, stream: StreamDefinition): Promise<number> {
  // Every record: updated before tomorrow (the form the sync's own first window takes).
  const body = await search(reader, stream, { field: stream.cursorField, operator: "<", value: reader.now + DAY }, 1);
  const total = totalCount(body);
  if (total === undefined) throw new Error(`${searchRead(stream).path} answered without a total_count`);
  return total;
}

export interface ChangedSince {
  /** How many the search matched (a day of overlap included: contact search compares dates by day). */
  matched: number;
  /** The records updated after `since`, or undefined when more matched than `limit` (then only `matched` is known). */
  records?: JsonRecord[];
}

/** The records of a search stream updated after `since` (unix seconds), when at most `limit` match. */
export async function searchChangedSince(reader: VerifyReader, stream: StreamDefinition, since: number, limit: number): Promise<ChangedSince> {
  const field = stream.cursorField!;
  // A day earlier: contact search compares dates by day in the workspace's time zone.
  const query = { field, operator: ">", value: since - DAY };
  const first = await search(reader, stream, query, SEARCH_PAGE);
  const matched = totalCount(first) ?? 0;
  if (matched > limit) return { matched };
  const records: JsonRecord[] = [];
  let pages = 0;
  const list = listPages({
    stream: stream.name,
    paging: "cursor",
    // The first page is the one asked above for the count.
    ask: (next) => (next ? search(reader, stream, query, SEARCH_PAGE, cursorOf(next)) : Promise.resolve(first)),
    records: (body) => selectRecords(body, searchRead(stream).recordPath, stream.name),
  });
  for await (const page of list) {
    records.push(...page.records);
    if (++pages * SEARCH_PAGE > limit) break;
  }
  const changed = records.filter((record) => typeof record[field] === "number" && (record[field] as number) > since);
  return { matched, records: changed };
}

/** Every record of a stream read whole (a single answer or pages), with the fields the sync adds to its key. */
export async function listWhole(reader: VerifyReader, stream: StreamDefinition): Promise<JsonRecord[]> {
  const read = readOn(stream, reader.intercomVersion) as SingleRead | ListRead;
  const firstQuery = read.kind === "list" && read.perPage ? { ...read.query, per_page: read.perPage } : read.query;
  return readPages(
    reader,
    stream.name,
    read.path,
    firstQuery,
    read.recordPath,
    read.kind === "list" ? "next-or-page-number" : "next",
    (records) => withAddedFields(records, read.addFields),
  );
}

export interface CompanyList {
  /** GET /companies' total_count: companies with at least one user (the list leaves out the others). */
  total: number;
  /** Their ids, when the total is within what the list serves. */
  ids?: string[];
}

export async function listCompanies(reader: VerifyReader, stream: StreamDefinition): Promise<CompanyList> {
  const first = await reader.client.request({
    method: "GET",
    path: "/companies",
    query: { per_page: 1 },
    stream: stream.name,
    signal: reader.signal,
  });
  const total = totalCount(first);
  if (total === undefined) throw new Error("GET /companies answered without a total_count");
  if (total > COMPANY_LIST_LIMIT) return { total };
  const records = await readPages(reader, stream.name, "/companies", { per_page: COMPANY_PAGE }, ["data"], "next-or-page-number", (r) => r);
  return { total, ids: records.map((record) => String(record.id)) };
}

/** Whether Intercom no longer has this company: GET /companies/{id} answers 404 (Company Not Found). */
export async function companyGone(reader: VerifyReader, stream: StreamDefinition, id: string): Promise<boolean> {
  try {
    await reader.client.request({ method: "GET", path: `/companies/${encodeURIComponent(id)}`, stream: stream.name, signal: reader.signal });
    return false;
  } catch (error) {
    if (error instanceof NotFoundError) return true;
    throw error;
  }
}

function readPages(
  reader: VerifyReader,
  stream: string,
  path: string,
  query: Record<string, string | number | boolean> | undefined,
  recordPath: string[],
  paging: Paging,
  map: (records: JsonRecord[]) => JsonRecord[],
): Promise<JsonRecord[]> {
  const { client, signal } = reader;
  return allRecords(getPages({ client, signal, stream, path, query, paging, records: (body) => map(selectRecords(body, recordPath, stream)) }));
}
