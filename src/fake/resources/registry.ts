/**
 * Every resource the fake serves, and what the rest of the fake reads from them: the route table, the
 * permission each route needs, the records of each stream and the default sizes. A new resource is one file
 * beside this one and one line in RESOURCES.
 */
import type { ApiVersion } from "../../api-versions.ts";
import type { Rec } from "../context.ts";
import type { Route } from "../routes/route.ts";
import type { FakeSizes, FakeStreamName } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { activityLogEventTypes } from "./activity-log-event-types.ts";
import { activityLogs } from "./activity-logs.ts";
import { admins } from "./admins.ts";
import { articleVersionsResource } from "./article-versions.ts";
import { calls } from "./calls.ts";
import { contentExport } from "./content-export.ts";
import { customObjects } from "./custom-objects.ts";
import { companies } from "./companies.ts";
import { contacts } from "./contacts.ts";
import { conversations } from "./conversations.ts";
import { dataAttributeResource } from "./data-attributes.ts";
import { helpCenters } from "./help-center.ts";
import { companyNotesResource } from "./company-notes.ts";
import { handlingEventsResource } from "./handling-events.ts";
import { macros } from "./macros.ts";
import { mergeHistoryResource } from "./merge-history.ts";
import { officeHoursExceptionsResource } from "./office-hours-exceptions.ts";
import { sideConversationsResource } from "./side-conversations.ts";
import { news } from "./news.ts";
import type { FakeResource } from "./resource.ts";
import { reporting } from "./reporting.ts";
import { segments } from "./segments.ts";
import { subscriptionTypes } from "./subscription-types.ts";
import { tags } from "./tags.ts";
import { teams } from "./teams.ts";
import { tickets } from "./tickets.ts";
import { ticketStates } from "./ticket-states.ts";
import { ticketTypes } from "./ticket-types.ts";
import { externalPages } from "./external-pages.ts";
import { contentImportSources } from "./content-import-sources.ts";
import { emails } from "./emails.ts";
import { audiences } from "./audiences.ts";
import { contentSnippets } from "./content-snippets.ts";
import { officeHoursSchedules } from "./office-hours-schedules.ts";
import { awayStatusReasons } from "./away-status-reasons.ts";
import { brands } from "./brands.ts";
import { internalArticles } from "./internal-articles.ts";

export const RESOURCES: readonly FakeResource[] = [
  admins,
  teams,
  tags,
  segments,
  dataAttributeResource,
  companies,
  contacts,
  conversations,
  tickets,
  activityLogs,
  helpCenters,
  ticketTypes,
  subscriptionTypes,
  news,
  reporting,
  ticketStates,
  macros,
  calls,
  customObjects,
  contentExport,
  sideConversationsResource,
  handlingEventsResource,
  companyNotesResource,
  mergeHistoryResource,
  articleVersionsResource,
  internalArticles,
  brands,
  awayStatusReasons,
  officeHoursSchedules,
  officeHoursExceptionsResource,
  contentSnippets,
  audiences,
  emails,
  contentImportSources,
  externalPages,
  activityLogEventTypes,
];

/** Sizes that belong to no one resource. */
const SHARED_SIZES = {
  /** See FakeSizes.listPageSize: the page-numbered lists of several resources. */
  listPageSize: 150,
};

export const DEFAULT_SIZES: FakeSizes = Object.assign({}, ...RESOURCES.map((resource) => resource.sizes ?? {}), SHARED_SIZES);

const routes = RESOURCES.flatMap((resource) => resource.routes);

/**
 * The route table. A path without parameters is tried first, so /companies/scroll or /conversations/deleted is
 * not taken for an id; the patterns are anchored, so no two others can both match.
 */
export const ROUTES: readonly Route[] = [...routes]
  .sort((a, b) => Number(a.path.includes("{")) - Number(b.path.includes("{")))
  .map(({ method, path, handle }) => ({ method, name: `${method} ${path}`, pattern: pathPattern(path), handle }));

/** Route name ("METHOD /path/{id}") → the permission it needs, or null when any valid token may call it. */
export const ROUTE_PERMISSIONS: Readonly<Record<string, string | null>> = Object.fromEntries(
  routes.map((route) => [`${route.method} ${route.path}`, route.permission]),
);

/** Route name → the first API version that has it, for the routes that exist only from a later one. */
export const ROUTE_SINCE: Readonly<Record<string, ApiVersion>> = Object.fromEntries(
  routes.flatMap((route) => (route.since ? [[`${route.method} ${route.path}`, route.since]] : [])),
);

/** Route name → the feature it belongs to, for the routes of features a workspace may lack (FakeOptions.without). */
export const ROUTE_FEATURES: Readonly<Record<string, string>> = Object.fromEntries(
  routes.flatMap((route) => (route.feature ? [[`${route.method} ${route.path}`, route.feature]] : [])),
);

/** Stream → its records in a complete export (the workspace leaves deleted ones out). */
export const STREAM_RECORDS: Partial<Record<FakeStreamName, (ws: Workspace) => Iterable<Rec>>> = Object.assign(
  {},
  ...RESOURCES.map((resource) => resource.records),
);

function pathPattern(path: string): RegExp {
  const escaped = path.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped.replace(/\{[^}]+\}/g, "([^/]+)")}$`);
}
