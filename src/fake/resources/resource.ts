/**
 * What the fake knows of one Intercom resource, written in one file: the records a complete export of each of
 * its streams holds, the routes that serve them with the permission each needs, and the sizes it is generated
 * at. `registry.ts` lists every resource; the router, the permission check, the workspace and DEFAULT_SIZES read it.
 */
import type { ApiVersion } from "../../api-versions.ts";
import type { Rec } from "../context.ts";
import type { RouteHandler } from "../routes/route.ts";
import type { FakeSizes, FakeStreamName } from "../types.ts";
import type { Workspace } from "../workspace.ts";

export interface FakeRoute {
  method: "GET" | "POST";
  /** As the OpenAPI description writes it, with `{id}` for each captured segment, e.g. "/conversations/{id}". */
  path: string;
  /** The Intercom permission the route needs (PERMISSION in permissions.ts), or null when any valid token may call it. */
  permission: string | null;
  /**
   * The first API version that has the route; a request naming an older one is answered 400
   * `intercom_version_invalid`, as Intercom answers for a resource a version lacks.
   */
  since?: ApiVersion;
  /** A feature not every workspace has (`"calls"`): a fake created `without` it answers the route 404. */
  feature?: string;
  handle: RouteHandler;
}

export interface FakeResource {
  /** Every record a complete export of each stream holds, deleted ones included (the workspace leaves them out). */
  records: Partial<Record<FakeStreamName, (ws: Workspace) => Iterable<Rec>>>;
  routes: FakeRoute[];
  /** The default sizes of what this resource generates. */
  sizes?: Partial<FakeSizes>;
}

/** `f(0) … f(n - 1)`, lazily: the records of a stream generated from its size. */
export function* range<T>(n: number, f: (i: number) => T): Generator<T> {
  for (let i = 0; i < n; i++) yield f(i);
}
