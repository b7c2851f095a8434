/**
 * The request that lists one named custom object type's instances whole (References.whole, --custom-object-types):
 * the sync pages through it (whole-types.ts); `check` asks its first page of one record, so it tries exactly what
 * the sync will ask.
 * @example
 * const { path, query, intercomVersion } = wholeTypeListing(whole, "Order"); // GET /custom_object_instances/Order, 2.16
 */
import type { ApiVersion } from "../api-versions.ts";
import type { References } from "../streams/types.ts";

export interface WholeTypeListing {
  path: string;
  query: { per_page: number };
  /** Asked with this version whatever the run's: the listing exists only from it. */
  intercomVersion: ApiVersion;
}

export function wholeTypeListing(whole: NonNullable<References["whole"]>, type: string, perPage = whole.perPage): WholeTypeListing {
  return { path: whole.path.replace("{type}", encodeURIComponent(type)), query: { per_page: perPage }, intercomVersion: whole.version };
}
