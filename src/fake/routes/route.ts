/** The shape every fake route shares. */
import type { ApiVersion } from "../../api-versions.ts";
import type { ScrollRegistry } from "../scroll.ts";
import type { Faults } from "../types.ts";
import type { Workspace } from "../workspace.ts";

export interface RouteContext {
  ws: Workspace;
  url: URL;
  /** Captured path segments, e.g. the id in /conversations/{id}. */
  params: string[];
  /** The request's headers (the reporting download needs its Accept). */
  headers: Headers;
  /** Wall clock in unix ms (FakeOptions.wallClock): how long reporting export jobs have been pending. */
  clock: () => number;
  /** Parsed JSON body of a POST. */
  body: unknown;
  requestId: string;
  scrolls: ScrollRegistry;
  faults: Faults;
  /** The API version the answer is shaped for (the request's Intercom-Version, see versions.ts). */
  version: ApiVersion;
  /** Search streams that match dates to the second. */
  exactSecondSearch: ReadonlySet<string>;
  /** Companies per page of a contact's companies when the request names none (FakeOptions.contactCompaniesPerPage). */
  contactCompaniesPerPage: number;
}

export type RouteHandler = (context: RouteContext) => Response | Promise<Response>;

export interface Route {
  method: "GET" | "POST";
  /** As in ROUTE_PERMISSIONS and stats.byRoute, e.g. "GET /conversations/{id}". */
  name: string;
  pattern: RegExp;
  handle: RouteHandler;
}
