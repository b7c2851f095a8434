/**
 * Turns an ApiRequest's path + query into a URL on the base URL, refusing `pages.next` links to other origins.
 * @example
 * buildUrl("https://api.intercom.io", "/contacts", { per_page: 150, starting_after: "WzE+/=" });
 * // https://api.intercom.io/contacts?per_page=150&starting_after=WzE%2B%2F%3D
 */
import { type ApiRequest, REGION_HOSTS } from "./types.ts";
import { ForeignUrlError } from "../errors.ts";

const INTERCOM_ORIGINS = new Set(Object.values(REGION_HOSTS).map((host) => new URL(host).origin));

export function buildUrl(baseUrl: string, path: string, query?: ApiRequest["query"]): URL {
  const url = isAbsolute(path) ? sameOriginUrl(baseUrl, path) : new URL(baseUrl + ensureLeadingSlash(path));
  for (const [key, value] of Object.entries(query ?? {})) {
    // Explicit params win over ones already in a `pages.next` URL so the caller controls paging.
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  return url;
}

function isAbsolute(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(path);
}

function ensureLeadingSlash(path: string): string {
  return path.startsWith("/") ? path : `/${path}`;
}

function sameOriginUrl(baseUrl: string, link: string): URL {
  const base = new URL(baseUrl);
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    throw new ForeignUrlError(`Intercom returned a next-page link that is not a URL: ${JSON.stringify(link.slice(0, 200))}`);
  }
  if (url.origin === base.origin) return url;
  if (INTERCOM_ORIGINS.has(url.origin)) {
    // Intercom's own links may name the US host while we talk to a regional one (its docs show
    // api.intercom.io in pages.next); keep path and query, stay on the host the user chose.
    return new URL(baseUrl + url.pathname + url.search);
  }
  // The token would travel with the request, so never follow a link off the configured host.
  throw new ForeignUrlError(
    `refusing to follow a next-page link to ${url.origin}: it is not the configured base URL ${base.origin}. ` +
      `If your workspace lives in another region, pass --region or --base-url for that host.`,
  );
}
