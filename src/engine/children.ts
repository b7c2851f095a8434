/**
 * Parent → child fan-out, results kept in parent order. A fetched child costs one request per parent (and one per
 * further page of a paged child list), bounded in parallel; an embedded child is taken from the parent record
 * itself, with a request only for a list the parent shows truncated (`has_more`).
 */
import type { ChildSet, Deletion, Page } from "../sinks/types.ts";
import { singular } from "../streams/describe.ts";
import type { ChildRead, EmbeddedRead, JsonRecord, StreamDefinition } from "../streams/types.ts";
import { batchedChildren } from "./batched-children.ts";
import { referencedChildren } from "./referenced-children.ts";
import { documentPages } from "./documents/document-pages.ts";
import { mapOrdered } from "./limiter.ts";
import { listPages, nextPageRequest, type Paging } from "./pager.ts";
import type { Pass, PassContext } from "./pass.ts";
import { pick, selectRecords, valueAt } from "./records.ts";
import { GoneError, MalformedPageError, NotFoundError } from "../errors.ts";

/** What getUnlessGone answers for a parent that went before its children could be read. */
const GONE = Symbol("gone");

/** The children of `parents`, one page per child stream, for the batch that writes the parents' page. */
export async function childPages(context: PassContext, pass: Pass, parents: readonly JsonRecord[]): Promise<Page[]> {
  const pages: Page[] = [];
  for (const child of pass.children) {
    const read = child.read;
    // Memberships are listed group by group once the parents are known (membership.ts), unless asked per parent.
    if (read.kind === "membership" && context.options.membershipRead !== "per-parent") continue;
    // Documents are rendered below, from the pages read here.
    if (read.kind === "document") continue;
    if (read.kind === "embedded") {
      const lists = await mapOrdered(parents, context.options.childConcurrency, (parent) => embeddedChildren(context, child, read, parent));
      const records = lists.flatMap((list) => list.rows);
      const replaces = childSets(pass, read, parents, lists);
      const deletions = emptiedLists(context, child, replaces, records);
      pages.push({ stream: child.name, records, replaces, ...(deletions.length > 0 ? { deletions } : {}) });
      continue;
    }
    if (read.kind === "child" && read.references) {
      pages.push({ stream: child.name, records: await referencedChildren(context, child, read, read.references, pass.root.name, parents) });
      continue;
    }
    // A child that exists only for some parents (a user's merge history, not a lead's) is asked for those.
    const only = read.kind === "child" ? read.onlyParents : undefined;
    const asked = only ? parents.filter((parent) => Object.entries(only).every(([field, value]) => parent[field] === value)) : parents;
    if (read.kind === "child" && read.batch) {
      pages.push({ stream: child.name, records: await batchedChildren(context, child, read, read.batch, asked) });
      continue;
    }
    const perParent = await mapOrdered(asked, context.options.childConcurrency, (parent) => {
      if (read.kind === "membership") return fetchChildren(context, child, parent, read.perParent);
      if (read.kind === "child") return fetchChildren(context, child, parent, read);
      throw new Error(`stream ${child.name}: a ${read.kind} read cannot hang off a parent`);
    });
    pages.push({ stream: child.name, records: perParent.flat() });
  }
  const fetchParts = (document: StreamDefinition, parts: StreamDefinition, parent: JsonRecord) =>
    fetchChildren(context, { ...parts, name: document.name }, parent, parts.read as ChildRead);
  pages.push(...(await documentPages(context, pass, parents, pages, fetchParts)));
  return pages;
}

/**
 * The parents whose embedded list was read whole, each named by the child's copied key fields (contact_id ← id)
 * and dated by the parent's cursor (its updated_at): the sink may then retire their links that are gone.
 */
function childSets(pass: Pass, read: EmbeddedRead, parents: readonly JsonRecord[], lists: readonly EmbeddedList[]): ChildSet[] {
  const keyFields = Object.entries(read.copy).filter(([, from]) => pass.root.primaryKey.includes(from));
  if (keyFields.length === 0) return [];
  const cursor = pass.root.cursorField;
  const sets: ChildSet[] = [];
  parents.forEach((parent, index) => {
    const at = cursor === undefined ? undefined : parent[cursor];
    // Without the parent's time there is nothing to date a removal by: its rows are left as they are.
    if (!lists[index]!.complete || typeof at !== "number") return;
    const key = Object.fromEntries(keyFields.map(([child, from]) => [child, parent[from]]));
    if (Object.values(key).some((value) => value === undefined || value === null)) return;
    sets.push({ key, at });
  });
  return sets;
}

/**
 * A parent whose whole list is empty leaves no row that says so, so "keep each parent's newest rows" would keep its
 * removed links forever: each gets a deletion naming only the parent (`{contact_id}`), as of its updated_at. Not
 * on a stream's first run or a --full-refresh: the output then holds no earlier rows of it to retract.
 */
function emptiedLists(context: PassContext, child: StreamDefinition, sets: readonly ChildSet[], records: readonly JsonRecord[]): Deletion[] {
  if (sets.length === 0 || context.options.fullRefresh || context.store.get(child.name)?.lastSyncedAt === undefined) return [];
  const fields = Object.keys(sets[0]!.key);
  const parentOf = (row: JsonRecord) => JSON.stringify(fields.map((field) => String(row[field])));
  const withRows = new Set(records.map(parentOf));
  return sets
    .filter((set) => !withRows.has(parentOf(set.key)))
    .map((set) => ({ key: Object.fromEntries(fields.map((field) => [field, String(set.key[field])])), deletedAt: set.at }));
}

/** The records one GET per parent answers (every page of them when `read.paged`), with the parent's fields copied. */
export async function fetchChildren(
  context: PassContext,
  child: StreamDefinition,
  parent: JsonRecord,
  read: { recordPath: string[]; paged?: true },
): Promise<JsonRecord[]> {
  const link = child.parent!;
  const path = link.path!(parent);
  const records: JsonRecord[] = [];
  const list = listPages({
    stream: child.name,
    paging: childPaging(read),
    ask: (next) => {
      const request = nextPageRequest(path, undefined, next);
      return getUnlessGone(context, child, parent, request.path, request.query);
    },
    records: (body) => (body === GONE ? [] : selectRecords(body, read.recordPath, child.name)),
  });
  for await (const { body, records: page } of list) {
    if (body === GONE) return [];
    records.push(...page);
    if (!read.paged) warnIfTruncated(context, child, parent, body, read.recordPath, page.length);
  }
  const fields = link.fields(parent);
  return records.map((record) => ({ ...record, ...fields }));
}

/**
 * How a fetched child list pages: a list declared paged may chain `next_cursor` while `has_more` (a user's merge
 * history, sent back as `cursor`) or say only its page number and the count of pages (the notes list's example
 * answers `next: null` beside them, as GET /companies does); one that is not is one answer (conversation parts:
 * capped, never paged).
 */
export function childPaging(read: { paged?: true }): Paging {
  return read.paged ? "next-or-cursor-or-page-number" : "none";
}

/**
 * One parent's embedded rows, and whether they are all of its links: not when the list was truncated and could
 * not be read whole, not when the parent went before it could be, not when the parent carries no list at all.
 */
interface EmbeddedList {
  rows: JsonRecord[];
  complete: boolean;
}

/**
 * The records embedded in `parent` at `read.field`; when the list there says `has_more`, the whole list from
 * `read.more` instead (every page of it). A missing or null list is an empty one (2.14 makes a contact's
 * `tags` nullable), but not a complete one: it says nothing about which links went.
 */
async function embeddedChildren(context: PassContext, child: StreamDefinition, read: EmbeddedRead, parent: JsonRecord): Promise<EmbeddedList> {
  const link = child.parent!;
  const container = valueAt(parent, read.field.slice(0, -1)) as { has_more?: unknown } | null | undefined;
  const truncated = container?.has_more === true;
  let records: JsonRecord[];
  let complete: boolean;
  if (truncated && link.path) {
    const whole = await wholeList(context, child, read, parent, link.path(parent));
    if (whole === GONE) return { rows: [], complete: false };
    records = whole;
    complete = true;
  } else {
    const list = valueAt(parent, read.field);
    records = list == null ? [] : selectRecords(parent, read.field, child.name);
    complete = Array.isArray(list) && !truncated;
    if (truncated) {
      context.warn(child.name, `${singular(link.stream)} ${String(parent.id)} lists only some of its ${child.name}; the rest cannot be read`);
    }
  }
  const fields = link.fields(parent);
  const seen = new Set<string>();
  const rows: JsonRecord[] = [];
  for (const record of records) {
    // Page-number paging can repeat a record when the list changes between pages: one row per link. By type and
    // id: a ticket's links name conversations and tickets, whose ids need not differ.
    const link = `${String(record.type)}/${String(record.id)}`;
    if (record.id !== undefined && seen.has(link)) continue;
    seen.add(link);
    rows.push({ ...(read.keep ? pick(record, read.keep) : record), ...fields });
  }
  return { rows, complete };
}

async function wholeList(
  context: PassContext,
  child: StreamDefinition,
  read: EmbeddedRead,
  parent: JsonRecord,
  path: string,
): Promise<JsonRecord[] | typeof GONE> {
  const records: JsonRecord[] = [];
  const recordPaths = read.more!.recordPaths;
  const list = listPages({
    stream: child.name,
    paging: "next",
    ask: (next) => {
      const request = nextPageRequest(path, undefined, next);
      return getUnlessGone(context, child, parent, request.path, request.query);
    },
    records: (body) => {
      if (body === GONE) return [];
      const found = recordPaths.find((candidate) => Array.isArray(valueAt(body, candidate))) ?? recordPaths[0]!;
      return selectRecords(body, found, child.name);
    },
  });
  for await (const { body, records: page } of list) {
    if (body === GONE) return GONE;
    records.push(...page);
  }
  return records;
}

/**
 * GET `path` for `parent`'s children. A parent deleted (404) or merged into another (410, API 2.16) between
 * listing it and reading its children has nothing to export: counted as skipped, and said.
 */
async function getUnlessGone(
  context: PassContext,
  child: StreamDefinition,
  parent: JsonRecord,
  path: string,
  query?: Record<string, string | number | boolean>,
): Promise<unknown> {
  try {
    return await context.client.request({ method: "GET", path, query, stream: child.name, signal: context.signal });
  } catch (error) {
    if (error instanceof NotFoundError) {
      const what = error instanceof GoneError ? "merged into another" : "deleted";
      context.countSkipped(
        child.name,
        `${singular(child.parent!.stream)} ${String(parent.id)} was ${what} before its ${child.name} could be read (${error.status}); skipped`,
      );
      return GONE;
    }
    throw error;
  }
}

/** Intercom returns at most 500 parts of a conversation or ticket; `total_count` beside the array tells the truth. */
function warnIfTruncated(
  context: PassContext,
  child: StreamDefinition,
  parent: JsonRecord,
  body: unknown,
  recordPath: string[],
  returned: number,
): void {
  const total = (valueAt(body, recordPath.slice(0, -1)) as { total_count?: unknown } | null | undefined)?.total_count;
  if (typeof total === "number" && total > returned) {
    context.warn(
      child.name,
      `${singular(child.parent!.stream)} ${String(parent.id)} has ${total} parts but Intercom returns only the ${returned} most recent; ` +
        `${total - returned} older parts cannot be exported through the API`,
    );
  }
}
