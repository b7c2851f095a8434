/** Finds the fake's route for a request, in the route table resources/registry.ts builds from the resources. */
import { ROUTES } from "./resources/registry.ts";
import type { Route } from "./routes/route.ts";

export interface RouteMatch {
  route: Route;
  params: string[];
}

export function matchRoute(method: string, pathname: string): RouteMatch | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
  for (const route of ROUTES) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return undefined;
}
