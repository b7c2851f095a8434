/**
 * A stream is data: what identifies a record, how incremental sync follows it, and how its records are read —
 * the request shape included. One engine (src/engine/) runs any definition; each stream's file is the single
 * place its facts are written (see catalog.ts for what derives from it).
 */
import type { ApiVersion } from "../api-versions.ts";
import type { JsonSchema } from "../schema/json-schema.ts";

export type JsonRecord = Record<string, unknown>;

type Query = Record<string, string | number | boolean>;

interface RequestShape {
  /** e.g. "/admins"; a child's path is a template whose `{field}` parts are filled from the parent record. */
  path: string;
  query?: Query;
  /** Where the records sit in the response body, e.g. ["data"] or ["conversation_parts", "conversation_parts"]. */
  recordPath: string[];
}

/** What a single or list read may add to each record it reads. */
interface AddedFields {
  /**
   * Fields intercom-sync adds to each record, each a template filled from the record's own fields, e.g.
   * `{ model: "conversation", full_name: "custom_attributes.{name}" }` (no `{…}`: a constant). For a key an
   * endpoint does not send; declare the fields in `schema.addedFields` too.
   */
  addFields?: Record<string, string>;
}

/** One GET whose answer holds every record. A `pages.next` in the answer is still followed. */
export interface SingleRead extends RequestShape, AddedFields {
  kind: "single";
  /**
   * The answer lists plain values at `recordPath` (the activity log's event type names), not objects: each
   * becomes the record `{ [field]: value }`.
   */
  values?: { field: string };
}

/**
 * GET pages chained by `pages.next`, in whichever form it comes (a URL, `starting_after`, a page number), or,
 * when an answer has no `next`, by `page` + 1 while `pages.page` is below `pages.total_pages`.
 */
export interface ListRead extends RequestShape, AddedFields {
  kind: "list";
  /** Sent as `per_page` on the first request and with every page number. */
  perPage?: number;
  /**
   * The query parameter that asks only for records changed after a time (unix seconds), e.g. macros'
   * `updated_since`: sent with the stream's cursor once it has one, so a run reads only what changed. Such a read
   * is not whole, so it finds no deletions; a first run or `--full-refresh` reads whole and does.
   */
  sinceParam?: string;
}

/** The company scroll (`scroll_param`; one open per workspace), run by src/http/scroll.ts. */
export interface ScrollRead extends RequestShape {
  kind: "scroll";
}

/** POST search on the stream's cursor field, in time windows, sorted ascending, paged by `starting_after`. */
export interface SearchRead extends RequestShape {
  kind: "search";
}

/** GET with a time window on the stream's cursor field as two query parameters, pages chained by `pages.next`. */
export interface WindowedListRead extends RequestShape {
  kind: "windowed-list";
  /** Query parameter of the window's start, e.g. "created_at_after". */
  startParam: string;
  /** Query parameter of the window's end, e.g. "created_at_before". */
  endParam: string;
}

/** One GET per record of the parent stream, e.g. "/conversations/{id}" for every conversation read. */
export interface ChildRead extends RequestShape {
  kind: "child";
  /** The parent stream's name. */
  parent: string;
  /** Fields copied from the parent into each child record: child field → parent field, e.g. { conversation_id: "id" }. */
  copy: Record<string, string>;
  /**
   * The per-parent answer is itself a list in pages (a contact's notes): `pages.next` is followed for each parent
   * until it runs out. Without it the one answer holds every child (a company's segments).
   */
  paged?: true;
  /**
   * The parents the child exists for, by a field's value, e.g. `{ role: "user" }` (a lead's merge history answers
   * 404): other parents are not asked. All parents when omitted.
   */
  onlyParents?: Record<string, string>;
  /**
   * Parents asked for together, `size` at a time, in one POST to `path` whose JSON body lists their ids as
   * `idsField` (calls by conversation ids, 20 at a time): a request per `size` parents instead of one each.
   */
  batch?: { size: number; idsField: string };
  /**
   * The parent refers to records of their own rather than owning children (a conversation's custom attributes hold
   * lists of custom object instances, `{type: "order.list", instances: [{type, id, …}]}`): each reference in any
   * `{ [list]: [...] }` value of the parent's object at `field` is asked for by `path`, filled from the reference
   * (`{type}`, `{id}`), once a run however many parents name it (src/engine/referenced-children.ts). The answer is
   * the record itself (`recordPath: []`); `copy` is empty, as the record belongs to no one parent.
   */
  references?: References;
}

/** Where a child of references (ChildRead.references) finds them, and how a type of them is read whole. */
export interface References {
  /** Where the references sit in a record of `parent`, e.g. ["custom_attributes"]. */
  field: string[];
  /** The array of references inside each value there, e.g. "instances". */
  list: string;
  /**
   * Further parents whose records refer the same way, each with where: `{ tickets: ["ticket_attributes"] }`. The
   * stream is then read on each parent's pass, incrementally with it, its progress kept per parent
   * (engine/parent-progress.ts); a reference named by several parents is still asked for once a run.
   */
  alsoFrom?: Record<string, string[]>;
  /**
   * The types the run's options name (PassOptions.wholeTypes) are listed whole instead, by `path` (`{type}`
   * filled), in page-numbered pages of `perPage`, asked with API `version` whatever the run's: every record of
   * them is written, and one gone since the last complete listing is retracted (engine/whole-types.ts).
   */
  whole?: { path: string; recordPath: string[]; perPage: number; version: ApiVersion };
}

/**
 * Records listed inside each record of the parent stream, e.g. a contact's `tags: {data: [...], has_more}` or a
 * conversation's `tags: {tags: [...]}`: read on the parent's pass from the parent record itself, with no request
 * of their own. A list that says `has_more: true` is truncated (a contact shows at most 10 tags); `more` names the
 * GET that returns it whole, made for those parents only. Derived sync kind: "child", like ChildRead.
 */
export interface EmbeddedRead {
  kind: "embedded";
  /** The parent stream's name. */
  parent: string;
  /** Where the list sits in the parent record, e.g. ["tags", "data"]; `has_more` is read beside the array. */
  field: string[];
  /** Fields copied from the parent into each record: record field → parent field, e.g. { contact_id: "id" }. */
  copy: Record<string, string>;
  /**
   * The fields each record keeps (before the copied ones), when the embedded references and the full list hold
   * different shapes (a contact's embedded company is {type, id, url}, GET /contacts/{id}/companies answers whole
   * companies): every row then has the same columns. All fields when omitted.
   */
  keep?: string[];
  /** The request for the whole list, when the embedded one says `has_more`; its `pages.next` is followed. */
  more?: {
    /** A path template filled from the parent record, e.g. "/contacts/{id}/tags". */
    path: string;
    /** Where the records sit in that answer; the first path that holds an array wins. */
    recordPaths: string[][];
  };
}

/**
 * Links between the parent stream's records and groups of them (a company and the segments it is in), read
 * group by group: the groups with their sizes, then each group's members as a paged list. It costs
 * Σ ⌈members / perPage⌉ requests instead of one per parent, and joining a group changes no parent's
 * `updated_at`, so every run reads the links whole. Where a group's listing cannot be complete (its size
 * disagrees with what it lists, or it stops at `members.cap`), the parents' own lists of their groups
 * (`members.embedded`) settle it when they corroborate the listing and its count; otherwise parents are read one
 * by one with `perParent` (parents the listing leaves out first: `members.unlistedWhen`), as the library-only engine
 * option `membershipRead: "per-parent"` reads every parent (no flag sets it). Run by src/engine/membership.ts; derived sync kind: "child".
 */
export interface MembershipRead {
  kind: "membership";
  /** The parent stream's name; its pass lists the parents. */
  parent: string;
  /** Fields copied from the parent into each record: record field → parent field, e.g. { company_id: "id" }. */
  copy: Record<string, string>;
  /** The groups, with their sizes: e.g. GET /segments?include_count=true. Each group record is a row's content. */
  groups: RequestShape & {
    /** The group's field holding its number of members, e.g. "count". */
    countField: string;
    /** Fields of the group record a row leaves out (the count, which the per-parent answer lacks). */
    omit?: string[];
  };
  /** One group's members, paged by page number: e.g. GET /companies?segment_id={id}. */
  members: RequestShape & {
    /** The query parameter taking the group's id, e.g. "segment_id". */
    groupParam: string;
    perPage: number;
    /** The most results a listing returns (Intercom: 10,000); a listing that reaches it may be cut. */
    cap: number;
    /** A parent field whose value 0 (or absence) means the listings may leave the parent out, e.g. "user_count". */
    unlistedWhen?: string;
    /**
     * Where a parent record lists its own groups, e.g. ["segments", "segments"] = parent.segments.segments[].id.
     * Used only where the data proves it: a group whose listing falls short is settled from it when it agrees with
     * the listing and the union of both equals the group's count (else the group is read per parent).
     */
    embedded?: string[];
  };
  /** A parent's own list of its groups, e.g. "/companies/{id}/segments" (the template filled from the parent). */
  perParent: RequestShape;
}

/**
 * A document for people and LLMs (a conversation's transcript as markdown), rendered on the parent's pass from
 * what the pass reads anyway: each parent record and, with `parts`, its records of that child stream (fetched once
 * for both when both are selected; by the same request when only the document is). No request of its own, one
 * record per parent, keyed by the parent's id; a parent's deletion deletes its document (src/engine/documents/).
 */
export interface DocumentRead {
  kind: "document";
  /** The parent stream's name, e.g. "conversations". */
  parent: string;
  /** The child stream whose records are the document's messages, e.g. "conversation_parts". */
  parts?: string;
  /** Which renderer of src/engine/documents/ writes the markdown. */
  format: "conversation" | "ticket" | "article";
}

/**
 * An export job: POST `path` for the records created in a window (`created_at_after`/`created_at_before`, unix
 * seconds, inclusive), poll `path/{job}` until it is completed, download `download/{job}` (the Content Data
 * Export: /export/content/data → /download/content/data/{job}); the download is a gzipped CSV or a zip of CSV
 * files, and the records are the rows of the file of `statistic`. Read from the cursor moved back by `lookback`
 * seconds to the run's bound, one job per run (src/engine/content-export/).
 */
export interface ExportJobRead {
  kind: "export-job";
  path: string;
  /** Where a completed job's file is, its id appended, e.g. "/download/content/data". */
  download: string;
  /** The file whose rows are the records: "receipts" for receipts_YYYYMMDD_hhmmss.csv, and for a lone CSV. */
  statistic: string;
  /** Seconds exported again each run: a receipt's first open, click or reply counts only within the job's window. */
  lookback: number;
  /** The column every row must have (the key), e.g. "receipt_id". */
  key: string;
  /** The columns that hold unix times, written as integers (empty: null); every other column is kept as text. */
  timeColumns: string[];
}

/**
 * The other files of its parent's export download: every statistic's file but the parent's own (opens, clicks,
 * replies, completions…), one record per row, taken on the parent's pass from the same job and download (no
 * request of its own: Intercom allows one Content Data Export job per workspace). See
 * src/engine/content-export/content-events.ts for what a row becomes.
 */
export interface ExportFileRead {
  kind: "export-file";
  /** The export-job stream whose download it reads, e.g. "content_receipts". */
  parent: string;
  /** The column every row must have, naming the receipt the event is of: "receipt_id". */
  key: string;
}

/** How a stream's records are read. The engine has one reader per kind. */
export type ReadSpec =
  | SingleRead
  | ListRead
  | ScrollRead
  | SearchRead
  | WindowedListRead
  | ChildRead
  | EmbeddedRead
  | MembershipRead
  | DocumentRead
  | ExportJobRead
  | ExportFileRead;
export type ReadKind = ReadSpec["kind"];
/**
 * The child reads: those that hang off a parent stream (sync kind `child`) — fetched per parent (`child`), taken
 * from the parent record (`embedded`), or listed group by group (`membership`).
 */
export type AnyChildRead = ChildRead | EmbeddedRead | MembershipRead;
/**
 * The reads that stand on their own: every kind but the child reads, the documents rendered from a parent and the
 * other files of a parent's export download.
 */
export type RootRead = Exclude<ReadSpec, AnyChildRead | DocumentRead | ExportFileRead>;

/** The parent streams a child is read on: its parent, and for a child of references its further ones (`alsoFrom`). */
export function parentStreams(read: AnyChildRead): string[] {
  return [read.parent, ...Object.keys(read.kind === "child" ? read.references?.alsoFrom ?? {} : {})];
}

/** Whether `read` hangs off a parent stream: the one definition of a child read. */
export function isChildRead(read: ReadSpec): read is AnyChildRead {
  return read.kind === "child" || read.kind === "embedded" || read.kind === "membership";
}

/**
 * Where Intercom lists the stream's deleted records with when each went, e.g. GET /conversations/deleted:
 * `{id, deleted_at}` items in page-numbered pages, newest first with `order=desc`. Read after the stream's own
 * pass, incrementally by `deleted_at` (its cursor is `deletedCursor` in the stream's state); see
 * src/engine/deletions/deletion-feed.ts.
 */
export interface DeletionFeed {
  path: string;
  /** Where the items sit in the answer, e.g. ["conversations"]. */
  recordPath: string[];
  /** Asked for as `per_page` (the endpoint's maximum). */
  perPage: number;
  /** The first API version that serves it: a run on an older one asks with this version, for these requests only. */
  since: ApiVersion;
}

/**
 * The request `intercom-sync check` makes for a root stream, when the read itself is not a cheap probe (the
 * company scroll would block a real sync for a minute). `now` is unix seconds.
 */
export interface ProbeSpec {
  method?: "GET" | "POST";
  path?: string;
  query?: (now: number) => Record<string, string | number>;
  body?: unknown;
  recordPath?: string[];
}

/** Where a stream's JSON Schema comes from: a component of Intercom's OpenAPI description, or intercom-sync's own. */
export type SchemaSource = ComponentSchemaSource | OwnSchemaSource;

/** A stream intercom-sync makes itself (a document): no component describes it, its schema is written with it. */
export interface OwnSchemaSource {
  own: JsonSchema;
  component?: undefined;
  componentOn?: undefined;
  addedFields?: undefined;
  note?: undefined;
}

/** A stream whose records are Intercom's: its schema derives from a component of the OpenAPI description. */
export interface ComponentSchemaSource {
  own?: undefined;
  /** e.g. "contact" for #/components/schemas/contact. */
  component: string;
  /** The component from an API version on, where a later description models the records differently (see `readOn`). */
  componentOn?: Partial<Record<ApiVersion, string>>;
  /**
   * Fields intercom-sync adds to each record (a child's parent id), with their schemas. Where the component
   * declares one too, this definition wins (conversation_attributes' `model` is "conversation", outside
   * data_attribute's enum).
   */
  addedFields?: Record<string, JsonSchema>;
  /** Said in the schema's description, e.g. why the primary key is what it is. */
  note?: string;
  /**
   * For a read of plain `values`: the component's array property that lists them; the schema is then one field
   * (the read's `values.field`) typed as that array's items.
   */
  valuesOf?: string;
}

/** What a stream's file declares. */
export interface StreamSpec {
  name: string;
  /** One line for `intercom-sync streams` and the README. */
  description: string;
  /** The Intercom permission a token needs to read it, as Intercom's Developer Hub names it. */
  permission: string;
  primaryKey: string[];
  /**
   * The field incremental sync follows. Required for search and windowed reads; on a single response, a list or
   * the scroll it makes the stream client-side incremental (everything is read, records before the cursor are
   * dropped); a child's is the field destinations can order its records by; an export job's, the time its window
   * is on.
   */
  cursorField?: "updated_at" | "created_at" | "received_at" | `${string}_updated_at`;
  read: ReadSpec;
  /**
   * Reads that replace `read` from an API version on, for an endpoint Intercom moved: the entry of the latest
   * version at or before the run's `--intercom-version` applies, `read` below all of them (resolved by
   * versioned.ts `readOn`, for the engine and the check probe). Same kind as `read`, so the sync kind holds.
   * @example readOn: { "2.16": { kind: "single", path: "/conversations/attributes", recordPath: ["data"] } }
   */
  readOn?: Partial<Record<ApiVersion, ReadSpec>>;
  /**
   * The first API version that serves the stream (of those intercom-sync ships, the first whose description lists
   * its endpoint). A run on an older `--intercom-version` asks for the stream with this version, on the stream's own
   * requests only (as the conversations deletion feed does), so every run can read it; see versioned.ts
   * `requestVersion`. Unset: every version serves it.
   */
  since?: ApiVersion;
  /**
   * A product feature not every workspace or plan has (`"calls"`): its endpoint answering 404 or 403 on the
   * stream's first request means the workspace has none, which the run says once, as a warning, and the stream
   * completes with nothing (exit 0), instead of failing the run.
   */
  feature?: string;
  /** Overrides the request `check` derives from `read`. */
  probe?: ProbeSpec;
  schema: SchemaSource;
  /** Why the stream is read the way it is, for `streams` and the README. */
  notes?: string;
  /**
   * Set on a stream that costs a request per record of its parent (one per contact): it is left out of the
   * default set a run exports without --streams and read only when named. Says why, for `streams` and the README.
   */
  optIn?: string;
  /** The stream's deletion feed, when Intercom has one. */
  deletions?: DeletionFeed;
  /**
   * Fields of a link row that name a record of another stream: field → stream, e.g. `{ id: "tags" }` (a
   * contact_tags row names a tag). A link whose other end Intercom deleted is deleted too: SQLite marks the rows
   * naming a deleted key (src/sinks/sqlite-references.ts); the README's Deletions states the rule for the rest.
   */
  references?: Record<string, string>;
}

/**
 * How a stream is read incrementally, derived from its read kind and cursor:
 * - `full`: read whole every run; no cursor.
 * - `client-cursor`: the API cannot filter, so every run reads everything and emits records whose cursor field
 *   is at or after the saved cursor.
 * - `search`: server-side search on the cursor field, in time windows, sorted ascending.
 * - `created-window`: time windows the endpoint takes as query parameters.
 * - `child`: records fetched per parent record, taken from it (embedded) or listed per group (membership); follows
 *   whatever the parent reads this run.
 */
export type SyncKind = "full" | "client-cursor" | "search" | "created-window" | "child";

/** The parent of a child stream, as the engine uses it. */
export interface ParentLink {
  stream: string;
  /**
   * The per-parent request path, e.g. `/conversations/215`; for an embedded stream, the request for its whole list
   * (`more`), and undefined when there is none (the records are only ever embedded).
   */
  path?(parent: JsonRecord): string;
  /** The fields copied from the parent into each child record, e.g. { conversation_id: "215" }. */
  fields(parent: JsonRecord): JsonRecord;
}

/** A stream as the engine and the commands see it: the spec and what follows from it. */
export interface StreamDefinition extends StreamSpec {
  sync: SyncKind;
  parent?: ParentLink;
}

/** A stream read on a pass of its own (not a child): what a pass's root is. */
export type RootStream = StreamDefinition & { read: RootRead };

export function isRootStream(stream: StreamDefinition): stream is RootStream {
  return !isChildRead(stream.read) && stream.read.kind !== "document" && stream.read.kind !== "export-file";
}
