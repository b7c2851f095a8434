/**
 * createFakeIntercom: a web-standard handler that answers like Intercom API 2.11, or in the shape of the
 * Intercom-Version the request sends (versions.ts). Order of checks:
 * latency, auth (401, no rate-limit headers), rate limit (429), route (404), permission (403),
 * injected faults, then the route itself.
 */
import { gatewayPage, NO_FAULTS, pickFault, searchPageTooBig, serverError, truncated } from "./faults.ts";
import { KIND } from "./hash.ts";
import { uuid } from "./ids.ts";
import { RateLimiter } from "./rate-limit.ts";
import { DEFAULT_SIZES, ROUTE_FEATURES, ROUTE_PERMISSIONS, ROUTE_SINCE, STREAM_RECORDS } from "./resources/registry.ts";
import { errorList } from "./respond.ts";
import { matchRoute } from "./router.ts";
import { ScrollRegistry } from "./scroll.ts";
import { assertTimeZone } from "./timezone.ts";
import type { FakeIntercom, FakeOptions, FakeStats, Faults } from "./types.ts";
import { answeringVersion, inVersion, servedIn } from "./versions.ts";
import { Workspace } from "./workspace.ts";

export const DEFAULT_NOW = 1_767_225_600;
export const DEFAULT_TOKENS: Record<string, { missing?: string[] }> = { "test-token": {} };
export const DEFAULT_RATE_LIMIT = { limit: 1666, windowMs: 10_000 };

function bearer(request: Request): string | undefined {
  const header = request.headers.get("Authorization") ?? "";
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  return m?.[1];
}

async function readJson(request: Request): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = await request.text();
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export function createFakeIntercom(options: FakeOptions = {}): FakeIntercom {
  const seed = options.seed ?? 1;
  const timezone = options.timezone ?? "UTC";
  assertTimeZone(timezone);
  const clock = options.wallClock ?? (() => Date.now());
  const sizes = { ...DEFAULT_SIZES, ...options.sizes };
  const workspace = new Workspace(
    STREAM_RECORDS,
    seed,
    sizes,
    options.now ?? DEFAULT_NOW,
    timezone,
    options.appId,
    options.companySegmentsEmbedded ?? true,
    options.scatteredContactIds ?? false,
  );
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const rate = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  const limiter = new RateLimiter(rate.limit, rate.windowMs, clock);
  const faultSeed = options.faultSeed ?? seed;
  const faults: Faults = { ...NO_FAULTS, ...options.faults };
  const scrolls = new ScrollRegistry(seed, clock);
  const exactSecondSearch = new Set<string>(options.exactSecondSearch ?? []);
  const contactCompaniesPerPage = options.contactCompaniesPerPage ?? 50;
  const stats: FakeStats = {
    requests: 0,
    byRoute: {},
    rateLimited: 0,
    injectedFaults: 0,
    get openScrolls() {
      return scrolls.openCount;
    },
    versions: {},
    versionsByRoute: {},
  };

  async function handler(request: Request): Promise<Response> {
    const response = await answer(request);
    if (options.dateHeader === "workspace") response.headers.set("date", new Date(workspace.now * 1000).toUTCString());
    return response;
  }

  async function answer(request: Request): Promise<Response> {
    const n = ++stats.requests;
    const requestId = uuid(faultSeed, KIND.request, n);
    const version = request.headers.get("Intercom-Version") ?? "none";
    stats.versions[version] = (stats.versions[version] ?? 0) + 1;
    if (fake.faults.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, fake.faults.latencyMs));

    const token = bearer(request);
    const grant = token === undefined ? undefined : tokens[token];
    if (!grant) return errorList(401, "unauthorized", "Access Token Invalid", requestId);

    const budget = limiter.take();
    if (!budget.allowed) {
      stats.rateLimited++;
      return errorList(429, "rate_limit_exceeded", limiter.message(), requestId, budget.headers);
    }

    const url = new URL(request.url);
    const match = matchRoute(request.method, url.pathname);
    if (!match) return errorList(404, "not_found", "Resource Not Found", requestId, budget.headers);
    const { route, params } = match;
    stats.byRoute[route.name] = (stats.byRoute[route.name] ?? 0) + 1;
    const byVersion = (stats.versionsByRoute[route.name] ??= {});
    byVersion[version] = (byVersion[version] ?? 0) + 1;

    const permission = ROUTE_PERMISSIONS[route.name] ?? null;
    if (permission !== null && grant.missing?.includes(permission)) {
      return errorList(
        403,
        "forbidden",
        `Not authorized to access resource: this token lacks the "${permission}" permission`,
        requestId,
        budget.headers,
      );
    }

    const feature = ROUTE_FEATURES[route.name];
    if (feature !== undefined && options.without?.includes(feature)) {
      return errorList(404, "not_found", "Resource Not Found", requestId, budget.headers);
    }

    const since = ROUTE_SINCE[route.name];
    if (since !== undefined && !servedIn(answeringVersion(request.headers.get("Intercom-Version")), since)) {
      return errorList(400, "intercom_version_invalid", "Requested resource is not available in current API version.", requestId, budget.headers);
    }

    let body: unknown;
    if (request.method === "POST") {
      const parsed = await readJson(request);
      if (!parsed.ok) return errorList(400, "bad_request", "The request body is not valid JSON", requestId, budget.headers);
      body = parsed.value;
    }

    const tooBig = searchPageTooBig(fake.faults, route.name, body, faultSeed, n);
    if (tooBig) {
      stats.injectedFaults++;
      return tooBig;
    }

    const fault = pickFault(fake.faults, faultSeed, n);
    if (fault === "server-error" || fault === "html") {
      stats.injectedFaults++;
      return fault === "html" ? gatewayPage(faultSeed, n) : withHeaders(serverError(faultSeed, n, requestId), budget.headers);
    }

    const answering = answeringVersion(request.headers.get("Intercom-Version"));
    const response = await inVersionResponse(
      await route.handle({
        ws: workspace,
        url,
        params,
        headers: request.headers,
        clock,
        body,
        requestId,
        scrolls,
        faults: fake.faults,
        exactSecondSearch,
        contactCompaniesPerPage,
        version: answering,
      }),
      answering,
    );
    withHeaders(response, budget.headers);
    if (fault === "truncated" && response.status === 200) {
      stats.injectedFaults++;
      return truncated(response);
    }
    return response;
  }

  const fake: FakeIntercom = { handler, workspace, faults, stats };
  return fake;
}

/** A 200 JSON answer rewritten into the shape of `version`; anything else as it is. */
async function inVersionResponse(response: Response, version: ReturnType<typeof answeringVersion>): Promise<Response> {
  if (version === "2.11" || response.status !== 200) return response;
  // A reporting export download is gzip, not JSON: it has no versioned shape.
  if (!(response.headers.get("Content-Type") ?? "").startsWith("application/json")) return response;
  const body = inVersion(await response.json(), version);
  return new Response(JSON.stringify(body), { status: response.status, headers: response.headers });
}
