/**
 * The reader of membership streams (company_segments): links between the parent's records and groups of them,
 * listed group by group (GET /segments?include_count=true, then GET /companies?segment_id=… per segment) rather
 * than with one request per parent. The listings start with the pass; the parents come from the pass (the company
 * scroll) page by page; once both are known, the links are written for every parent, in the parents' order.
 *
 * A listing can fall short: it stops at a cap (10,000) and leaves out parents with nothing in them (companies
 * without users). A group is complete when its listing says no more than it lists, did not reach the cap, and its
 * count equals what it lists. A group that falls short is settled by the parents' own lists of their groups (a
 * company's `segments`, kept from the pass) when the data proves them right: every parent the listing showed names
 * the group, every parent a listing cannot leave out that names it was listed (unless the listing was cut), and
 * listed ∪ named makes up the group's count; its members are then listed ∪ named. Intercom does not promise to fill
 * those lists, so anything else (an empty list, a count that disagrees, a parent changed between the pass and the
 * listing) leaves the group to the per-parent reads: parents are read one by one (the per-parent request), first
 * those a listing may leave out, then, while a group's count is still not reached (or cannot be trusted), the
 * parents its listing did not show. A parent read one by one gets exactly its own answer. The run's warnings say
 * which groups fell back and how many parents were read one by one; a settled group needs none.
 *
 * A group deleted between the list of groups and its listing (the listing answers 404, and the list of groups,
 * read again, no longer has it) has no members any more: it is left out with a warning, and the other groups'
 * links are written as usual.
 */
import type { Page } from "../sinks/types.ts";
import { singular } from "../streams/describe.ts";
import type { JsonRecord, MembershipRead, StreamDefinition } from "../streams/types.ts";
import { fetchChildren } from "./children.ts";
import { mapOrdered } from "./limiter.ts";
import { allRecords, getPages } from "./pager.ts";
import type { Pass, PassContext } from "./pass.ts";
import { cursorValue, selectRecords, valueAt } from "./records.ts";
import { MalformedPageError, NotFoundError } from "../errors.ts";

/** Rows per page handed to the output. */
const ROWS_PER_PAGE = 1_000;

interface Group {
  id: string;
  /** The group record as a row carries it (the count left out). */
  row: JsonRecord;
  name: string;
  count?: number;
  /** Ids of the parents the listing showed. */
  listed: Set<string>;
  /** The listing's own `total_count`, when it says one. */
  totalCount?: number;
}

interface MembershipChild {
  stream: StreamDefinition;
  read: MembershipRead;
  groups: Promise<Group[]>;
  /** Parent id → the group ids the parent names itself (`members.embedded`), where it has such a list. */
  embedded: Map<string, string[]>;
}

/** Reads every membership child of a pass; undefined when the pass has none to list (or they are read per parent). */
export function startMembershipReads(context: PassContext, pass: Pass): MembershipReader | undefined {
  if (context.options.membershipRead === "per-parent") return undefined;
  const children = pass.children.filter((child) => child.read.kind === "membership");
  return children.length === 0 ? undefined : new MembershipReader(context, pass, children);
}

export class MembershipReader {
  readonly #context: PassContext;
  readonly #pass: Pass;
  readonly #children: MembershipChild[];
  readonly #parents: JsonRecord[] = [];
  readonly #seen = new Set<string>();

  constructor(context: PassContext, pass: Pass, streams: StreamDefinition[]) {
    this.#context = context;
    this.#pass = pass;
    this.#children = streams.map((stream) => {
      const read = stream.read as MembershipRead;
      const groups = listGroups(context, stream, read);
      // Awaited in finish(); until then a failure must not count as unhandled.
      groups.catch(() => {});
      return { stream, read, groups, embedded: new Map() };
    });
  }

  /** Keep what the links need of each parent (its id, the fields rows copy, whether listings may leave it out). */
  addParents(records: readonly JsonRecord[]): void {
    for (const record of records) {
      const id = String(record.id);
      if (this.#seen.has(id)) continue;
      this.#seen.add(id);
      const kept: JsonRecord = { id: record.id };
      for (const { read, embedded } of this.#children) {
        for (const field of [...Object.values(read.copy), ...(read.members.unlistedWhen ? [read.members.unlistedWhen] : [])]) {
          kept[field] = record[field];
        }
        const named = read.members.embedded && embeddedGroupIds(record, read.members.embedded);
        if (named) embedded.set(id, named);
      }
      this.#parents.push(kept);
    }
  }

  /**
   * Waits for the listings, reads what they cannot cover, and writes the links: each page of every link goes
   * through `prepare`, and what it returns is written (default: the page as it is).
   */
  async finish(prepare: (page: Page) => Page | Promise<Page> = (page) => page): Promise<void> {
    for (const child of this.#children) {
      const rows = await this.#links(child, await child.groups);
      for (let start = 0; start < rows.length; start += ROWS_PER_PAGE) {
        const page: Page = { stream: child.stream.name, records: rows.slice(start, start + ROWS_PER_PAGE) };
        await this.#context.commit(this.#pass, [await prepare(page)]);
      }
    }
  }

  /**
   * Deletions of links to groups that still exist, dated by the group's cursor (Deletion.cursor: a segment's
   * updated_at), so the link put back later, which carries that cursor, is not below its own deletion.
   */
  async datedDeletions(pages: readonly Page[]): Promise<Page[]> {
    return Promise.all(
      pages.map(async (page) => {
        const child = this.#children.find((candidate) => candidate.stream.name === page.stream);
        const field = child?.stream.cursorField;
        if (!child || !field || !page.deletions?.length) return page;
        const cursors = new Map<string, number>();
        for (const group of await child.groups) {
          const value = cursorValue(group.row, field);
          if (value !== undefined) cursors.set(group.id, value);
        }
        const deletions = page.deletions.map((deletion) => {
          const cursor = cursors.get(String(deletion.key.id));
          return cursor === undefined ? deletion : { ...deletion, cursor };
        });
        return { ...page, deletions };
      }),
    );
  }

  async #links(child: MembershipChild, groups: Group[]): Promise<JsonRecord[]> {
    const context = this.#context;
    const { stream, read } = child;
    const link = stream.parent!;
    const parents = this.#parents;
    /** Groups that fall short but whose members the parents' own lists prove: group id → members. */
    const settled = new Map<string, Set<string>>();
    const falling = groups.filter((group) => !isComplete(group, read));
    // Indexed once, so settling costs what the lists hold rather than groups × parents.
    const naming = falling.length > 0 ? parentsNaming(parents, child.embedded) : new Map<string, JsonRecord[]>();
    for (const group of falling) {
      const members = corroboratedMembers(group, read, naming.get(group.id) ?? [], child.embedded);
      if (members) settled.set(group.id, members);
    }
    const short = groups.filter((group) => !isComplete(group, read) && !settled.has(group.id));
    /** Parents read one by one: their own answer, rows ready. */
    const resolved = new Map<string, JsonRecord[]>();
    const readOneByOne = async (batch: JsonRecord[]) => {
      const answers = await mapOrdered(batch, context.options.childConcurrency, (parent) => fetchChildren(context, stream, parent, read.perParent));
      batch.forEach((parent, index) => resolved.set(String(parent.id), answers[index]!));
    };
    const idOf = (parent: JsonRecord) => String(parent.id);

    // First the parents a listing may leave out, when a group that falls short did not list them.
    const field = read.members.unlistedWhen;
    if (short.length > 0 && field) {
      const unlisted = parents.filter(
        (parent) => !(typeof parent[field] === "number" && (parent[field] as number) > 0) && short.some((group) => !group.listed.has(idOf(parent))),
      );
      await readOneByOne(unlisted);
    }
    // Then, group by group, the parents its listing did not show, until its count is reached.
    for (const group of short) {
      const untrusted = group.count === undefined || group.count < group.listed.size;
      const cut = reachedCap(group, read);
      // Without a count, only the parents a listing leaves out can be missing: read above.
      if (!cut && group.count === undefined) continue;
      const found = () => {
        let members = group.listed.size;
        for (const [id, rows] of resolved) if (!group.listed.has(id) && rows.some((row) => String(row.id) === group.id)) members++;
        return members;
      };
      const candidates = parents.filter((parent) => !resolved.has(idOf(parent)) && !group.listed.has(idOf(parent)));
      const batchSize = Math.max(1, context.options.childConcurrency);
      for (let start = 0; start < candidates.length; start += batchSize) {
        if (!untrusted && found() >= group.count!) break;
        await readOneByOne(candidates.slice(start, start + batchSize));
      }
    }
    const group = singular(read.groups.recordPath.at(-1) ?? "group");
    const parentName = singular(link.stream);
    for (const short_ of short) {
      const count = short_.count === undefined ? "no count" : `a count of ${short_.count}`;
      const total = short_.totalCount !== undefined && short_.totalCount > short_.listed.size ? ` of ${short_.totalCount} matches` : "";
      const cut = reachedCap(short_, read)
        ? ` (it stops after ${short_.listed.size}${total}; Intercom lists at most ${read.members.cap.toLocaleString("en-US")})`
        : "";
      context.warn(
        stream.name,
        `${group} ${JSON.stringify(short_.name)} (${short_.id}) has ${count} but its listing shows ${short_.listed.size} ${link.stream}${cut}`,
      );
    }
    if (resolved.size > 0) {
      context.warn(
        stream.name,
        `${resolved.size} ${
          resolved.size === 1 ? parentName : link.stream
        } read one by one (GET ${read.perParent.path}) where the ${group} listings fall short`,
      );
    }

    const rows: JsonRecord[] = [];
    for (const parent of parents) {
      const own = resolved.get(idOf(parent));
      if (own) {
        rows.push(...own);
        continue;
      }
      const fields = link.fields(parent);
      for (const listing of groups) {
        const members = settled.get(listing.id) ?? listing.listed;
        if (members.has(idOf(parent))) rows.push({ ...listing.row, ...fields });
      }
    }
    return rows;
  }
}

/** The group ids at `path` in a parent record (e.g. parent.segments.segments[].id); undefined when it has no list there. */
function embeddedGroupIds(record: JsonRecord, path: readonly string[]): string[] | undefined {
  const value = valueAt(record, path);
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((entry) => (entry !== null && typeof entry === "object" && "id" in entry ? [String(entry.id)] : []));
}

/** Group id → the parents whose own list names it, in the parents' order. */
function parentsNaming(parents: readonly JsonRecord[], embedded: Map<string, string[]>): Map<string, JsonRecord[]> {
  const naming = new Map<string, JsonRecord[]>();
  for (const parent of parents) {
    for (const group of embedded.get(String(parent.id)) ?? []) {
      const list = naming.get(group);
      if (list) list.push(parent);
      else naming.set(group, [parent]);
    }
  }
  return naming;
}

/**
 * The members of a group its listing falls short of, when the parents' own lists prove them, else undefined:
 * every listed parent names the group, every parent that names it (`naming`) and that a listing cannot leave out
 * was listed (unless the listing was cut at the cap), and listed ∪ named is exactly the group's count.
 */
function corroboratedMembers(
  group: Group,
  read: MembershipRead,
  naming: readonly JsonRecord[],
  embedded: Map<string, string[]>,
): Set<string> | undefined {
  if (group.count === undefined || embedded.size === 0) return undefined;
  for (const id of group.listed) if (embedded.get(id)?.includes(group.id) !== true) return undefined;
  const cut = reachedCap(group, read);
  const field = read.members.unlistedWhen;
  const members = new Set(group.listed);
  for (const parent of naming) {
    const id = String(parent.id);
    if (members.has(id)) continue;
    const listable = !field || (typeof parent[field] === "number" && (parent[field] as number) > 0);
    if (listable && !cut) return undefined;
    members.add(id);
  }
  return members.size === group.count ? members : undefined;
}

function reachedCap(group: Group, read: MembershipRead): boolean {
  return group.listed.size >= read.members.cap || (group.totalCount !== undefined && group.totalCount > group.listed.size);
}

function isComplete(group: Group, read: MembershipRead): boolean {
  return !reachedCap(group, read) && group.count === group.listed.size;
}

/** Every group with its count, then each group's members, side by side. */
async function listGroups(context: PassContext, stream: StreamDefinition, read: MembershipRead): Promise<Group[]> {
  const records = await readAllPages(context, stream, read.groups.path, read.groups.query, read.groups.recordPath);
  const omit = new Set(read.groups.omit ?? []);
  const groups = records.map((record): Group => {
    const count = record[read.groups.countField];
    return {
      id: String(record.id),
      name: String(record.name ?? record.id),
      row: Object.fromEntries(Object.entries(record).filter(([key]) => !omit.has(key))),
      ...(typeof count === "number" ? { count } : {}),
      listed: new Set(),
    };
  });
  const notFound = new Map<Group, NotFoundError>();
  await mapOrdered(groups, context.options.childConcurrency, async (group) => {
    try {
      await listMembers(context, stream, read, group);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      notFound.set(group, error);
    }
  });
  if (notFound.size === 0) return groups;
  // A 404 is a deleted group only when the list of groups, read again, no longer has it: a listing that answers
  // 404 for a group that still exists must fail the stream, not retire every link of that group.
  const still = new Set(
    (await readAllPages(context, stream, read.groups.path, read.groups.query, read.groups.recordPath)).map((record) => String(record.id)),
  );
  const kind = singular(read.groups.recordPath.at(-1) ?? "group");
  for (const [group, error] of notFound) {
    if (still.has(group.id)) throw error;
    const request = `GET ${read.members.path}?${read.members.groupParam}=${group.id}`;
    context.warn(
      stream.name,
      `${kind} ${JSON.stringify(group.name)} (${group.id}) was deleted during the run (${request} answered 404): it has no links to write`,
    );
  }
  return groups.filter((group) => !notFound.has(group));
}

async function listMembers(context: PassContext, stream: StreamDefinition, read: MembershipRead, group: Group): Promise<void> {
  const { members } = read;
  const query = { ...members.query, [members.groupParam]: group.id, per_page: members.perPage };
  const list = getPages({
    client: context.client,
    stream: stream.name,
    signal: context.signal,
    path: members.path,
    query,
    paging: "next-or-page-number",
    records: (body) => selectRecords(body, members.recordPath, stream.name),
  });
  for await (const { body, records: page } of list) {
    for (const record of page) group.listed.add(String(record.id));
    const total = (body as { total_count?: unknown } | null)?.total_count;
    if (typeof total === "number") group.totalCount = total;
    // Intercom serves nothing past the cap.
    if (group.listed.size >= members.cap) return;
  }
}

async function readAllPages(
  context: PassContext,
  stream: StreamDefinition,
  path: string,
  firstQuery: Record<string, string | number | boolean> | undefined,
  recordPath: string[],
): Promise<JsonRecord[]> {
  return allRecords(
    getPages({
      client: context.client,
      stream: stream.name,
      signal: context.signal,
      path,
      query: firstQuery,
      paging: "next",
      records: (body) => selectRecords(body, recordPath, stream.name),
    }),
  );
}
