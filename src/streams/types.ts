/**
 * A stream is data: where its records come from, how its pages chain, what identifies a record and how
 * incremental sync follows it. One engine (src/engine/) runs any definition.
 */

export type StreamName =
  | "activity_logs"
  | "admins"
  | "companies"
  | "company_segments"
  | "company_attributes"
  | "contact_attributes"
  | "contacts"
  | "conversations"
  | "conversation_parts"
  | "segments"
  | "tags"
  | "teams"
  | "tickets";

/**
 * How a stream is read incrementally:
 * - `full`: a small table read whole every run; no cursor.
 * - `client-cursor`: the API cannot filter, so every run reads everything and emits records whose cursor
 *   field is at or after the saved cursor.
 * - `search`: server-side search on the cursor field, in time windows, sorted ascending.
 * - `created-window`: time windows on a created_at range the endpoint takes as query parameters.
 * - `child`: records fetched per parent record; follows whatever the parent reads this run.
 */
export type SyncKind = "full" | "client-cursor" | "search" | "created-window" | "child";

/**
 * How pages chain:
 * - `none`: one response holds everything.
 * - `search-cursor`: POST body `pagination.starting_after` from `pages.next.starting_after`.
 * - `next-link`: follow `pages.next` in whichever form it comes (URL string, object, or null).
 * - `scroll`: the company scroll (`scroll_param`), run by src/http/scroll.ts.
 */
export type PaginationKind = "none" | "search-cursor" | "next-link" | "scroll";

export type JsonRecord = Record<string, unknown>;

export interface ParentLink {
  stream: StreamName;
  /** Path of the per-parent request, e.g. `/conversations/${id}`. */
  path(parent: JsonRecord): string;
  /** Fields copied from the parent into each child record, e.g. { conversation_id: parent.id }. */
  fields(parent: JsonRecord): JsonRecord;
}

export interface StreamDefinition {
  name: StreamName;
  /** One line for `intercom-sync streams`. */
  description: string;
  /** The Intercom permission a token needs to read it, as Intercom's Developer Hub names it. */
  permission: string;
  primaryKey: string[];
  cursorField?: "updated_at" | "created_at";
  sync: SyncKind;
  pagination: PaginationKind;
  method: "GET" | "POST";
  /** Request path for root streams. */
  path: string;
  query?: Record<string, string | number | boolean>;
  /** Where the records sit in the response body, e.g. ["conversation_parts", "conversation_parts"]. */
  recordPath: string[];
  parent?: ParentLink;
  /** Why the sync kind is what it is, for `streams` and the README. */
  notes?: string;
}
