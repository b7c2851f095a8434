/** The public types of the fake Intercom. `mod.ts` re-exports them; others code against exactly these. */
import type { StreamName } from "../streams/catalog.ts";
import type { FakeReportBehaviour } from "./reports/behaviour.ts";
import type { FakeContentExportBehaviour } from "./content-export/behaviour.ts";

/** The fake serves exactly the streams the exporter knows. */
export type FakeStreamName = StreamName;

export interface FakeSizes {
  admins: number;
  teams: number;
  tags: number;
  segments: number;
  companies: number;
  contacts: number;
  conversations: number;
  tickets: number;
  activityLogs: number;
  /** Parts per conversation are 1..maxParts, and a few conversations (at least one when conversations >= 20) have more than 500. */
  maxParts: number;
  helpCenters: number;
  /** Help Center collections and sections. */
  collections: number;
  articles: number;
  ticketTypes: number;
  subscriptionTypes: number;
  newsfeeds: number;
  newsItems: number;
  internalArticles: number;
  brands: number;
  awayStatusReasons: number;
  officeHoursSchedules: number;
  contentSnippets: number;
  audiences: number;
  emails: number;
  contentImportSources: number;
  externalPages: number;
  macros: number;
  /** Calls, one for each of the first `calls` conversations. */
  calls: number;
  /** Content Data Export receipts, one a day from 30 days before the base time (records/content-receipts.ts). */
  contentReceipts: number;
  /** Custom object instances ("Order"), which about a third of the conversations refer to; 0: no custom objects. */
  customObjectInstances: number;
  /**
   * The most records a page of a page-numbered list (collections, articles, news items, newsfeeds) holds,
   * whatever `per_page` asks: small in tests, to read several pages of a few records.
   */
  listPageSize: number;
  /** A company is in each segment with odds 1 in N (at most 3 segments): 4 by default, 40 for few memberships. */
  companySegmentOdds: number;
  /**
   * The most companies GET /companies lists when filtered by `segment_id` or `tag_id` (Intercom: 10,000); its
   * `total_count` still says how many match. Lower in tests, to reach it with few companies.
   */
  companyListCap: number;
}

export interface Faults {
  /** Every request waits this long before it is answered. */
  latencyMs: number;
  /** Share of requests answered 500/502/503 (error.list or an HTML page). */
  serverErrorRate: number;
  /** Share of requests answered 200 with a body cut in half. */
  truncatedRate: number;
  /** Share of requests answered with a gateway's HTML error page. */
  htmlRate: number;
  /** The company scroll answers 500 "please restart the scroll" once, after this many pages. */
  scrollRestartAfterPages?: number;
  /**
   * Search requests (POST …/search) asking for more than this many records per page are answered 502 or 504
   * with a gateway's HTML page, as Intercom's contact search does at 150 per page on some workspaces.
   */
  searchGatewayErrorAbovePerPage?: number;
  /** How reporting export jobs behave (reports/behaviour.ts): slow or failed jobs, other tools' pending jobs, gzip header. */
  reports?: Partial<FakeReportBehaviour>;
  /** How Content Data Export jobs behave (content-export/behaviour.ts): the download's format, busy, failed, expired. */
  contentExport?: Partial<FakeContentExportBehaviour>;
  /** Another client holds the scroll until this unix-ms time: opening one gets 400. */
  scrollHeldUntilMs?: number;
}

export interface FakeOptions {
  /** Default 1. */
  seed?: number;
  /** Features this workspace lacks (its plan has none, e.g. `["calls"]`): their routes answer 404. */
  without?: string[];
  sizes?: Partial<FakeSizes>;
  /** Unix seconds: the workspace clock; generated timestamps lie in the ~2 years before it. Default 1767225600 (2026-01-01Z). */
  now?: number;
  /** The workspace's id (`GET /me` app.id_code, records' app_id/workspace_id). Default: derived from the seed. */
  appId?: string;
  /** IANA name for search day truncation, default "UTC". */
  timezone?: string;
  /** These match timestamps to the second instead of by day; contacts always match by day. */
  exactSecondSearch?: ("conversations" | "tickets")[];
  /** Accepted bearer tokens and the permissions each lacks. Default {"test-token": {}}. */
  tokens?: Record<string, { missing?: string[] }>;
  /** Default 1666 per 10_000 ms. */
  rateLimit?: { limit: number; windowMs: number };
  faults?: Partial<Faults>;
  faultSeed?: number;
  /** Wall clock in unix ms for rate-limit windows and scroll expiry. Default Date.now; tests inject one. */
  wallClock?: () => number;
  /**
   * What each answer's `Date` header says, i.e. Intercom's clock as a client sees it: "server" (the default) leaves
   * the HTTP server's own, this machine's time; "workspace" says the workspace's `now`, so a test can run Intercom's
   * clock apart from the exporter's (hours behind it, say) and move it as it moves the workspace.
   */
  dateHeader?: "server" | "workspace";
  /**
   * Whether a company carries the segments it is in (`segments: {type: "segment.list", segments: […]}`). Default
   * true; false gives every company an empty list, as every example in Intercom's OpenAPI description shows.
   */
  companySegmentsEmbedded?: boolean;
  /**
   * Contact ids whose leading time part is scattered (a hash) instead of the creation time, so the ids of a search's
   * pages fall in no order, as a real workspace's contacts sorted by updated_at do. Default false: ids rise with the
   * order they are handed out in. For the bench (`--contact-ids scattered`): a table keyed by id costs more so.
   */
  scatteredContactIds?: boolean;
  /**
   * Companies per page of GET /contacts/{id}/companies when the request names no per_page. Default 50, as the
   * description's example answers; tests that exercise the paging ask for fewer.
   */
  contactCompaniesPerPage?: number;
}

export interface FakeWorkspace {
  /** Mutable; tests move it forward; mutations stamp updated_at = now. */
  now: number;
  /** Exactly what a complete export must contain, in stream shape. */
  records(stream: FakeStreamName): Iterable<Record<string, unknown>>;
  /** The true number of parts, which may exceed the 500 the API returns. */
  partCount(conversationId: string): number;
  updateContact(id: string): void;
  updateCompany(id: string): void;
  updateTicket(id: string): void;
  /** Unlink a conversation or ticket from a ticket now (its embedded linked_objects lose it). */
  unlinkFromTicket(id: string, linkedId: string): void;
  /** Also bumps the conversation's updated_at. */
  addConversationPart(conversationId: string): void;
  /** Take a tag off a contact / put one on; the contact's embedded list follows and its updated_at becomes now. */
  untagContact(contactId: string, tagId: string): void;
  tagContact(contactId: string, tagId: string): void;
  /** Detach a company from a contact / attach one; the contact's embedded list follows and its updated_at becomes now. */
  detachCompany(contactId: string, companyId: string): void;
  attachCompany(contactId: string, companyId: string): void;
  /**
   * Take a company out of a segment / put it in one, as Intercom's segment rules do: the segment's listing, count
   * and the company's embedded `segments` follow; neither the company's nor the segment's updated_at moves.
   */
  removeCompanySegment(companyId: string, segmentId: string): void;
  addCompanySegment(companyId: string, segmentId: string): void;
  /** Unlink a ticket or conversation from a conversation now (its embedded linked_objects lose it). */
  unlinkFromConversation(id: string, linkedId: string): void;
  /** Take a tag off a conversation / apply one; its updated_at becomes now. */
  untagConversation(conversationId: string, tagId: string): void;
  tagConversation(conversationId: string, tagId: string): void;
  /** Returns the new contact's id. */
  createContact(): string;
  /** Merge contact `id` into `into`: GET /contacts/{id} then answers 410 Gone (2.16) or 404 (earlier versions). */
  mergeContact(id: string, into: string): void;
  /** Returns the new activity log's id. */
  addActivityLog(): string;
  /**
   * Deletes a record of a root stream (contacts, companies, conversations, tickets, admins, teams, tags, segments,
   * data attributes, …) by its `id`: it is no longer listed or served, its children go with it, and a conversation
   * appears in GET /conversations/deleted. Returns its deleted_at (now).
   */
  deleteRecord(stream: FakeStreamName, id: string): number;
  /** Re-creates a deleted record under the same id (its updated_at becomes now). */
  restoreRecord(stream: FakeStreamName, id: string): void;
  /** Edits article `id` now: its updated_at (and its English translation's) becomes `now`. */
  updateArticle(id: string): void;
  /** Edits record `id` of a list built from its description's example (macros, …) now: its updated_at becomes `now`. */
  touch(stream: FakeStreamName, id: string): void;
}

export interface FakeStats {
  requests: number;
  byRoute: Record<string, number>;
  rateLimited: number;
  injectedFaults: number;
  openScrolls: number;
  /** Requests per Intercom-Version header value ("none" when absent). */
  versions: Record<string, number>;
  /** Route name → Intercom-Version header value → requests: which version each endpoint was asked with. */
  versionsByRoute: Record<string, Record<string, number>>;
}

export interface FakeIntercom {
  handler(request: Request): Promise<Response>;
  workspace: FakeWorkspace;
  /** Mutable at run time. */
  faults: Faults;
  stats: FakeStats;
}

export interface RunningFakeIntercom extends FakeIntercom {
  url: string;
  close(): Promise<void>;
}
