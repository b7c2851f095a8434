/** What the search engine reads: base records derived from the index, and an overlay that replaces or adds some. */
import type { Rec } from "../context.ts";
import type { SearchStream } from "./fields.ts";
import type { RangeField } from "./query.ts";

export interface SearchSource {
  readonly stream: SearchStream;
  /** Base records are indices 0..baseCount-1. */
  readonly baseCount: number;
  base(i: number): Rec;
  /** created_at/updated_at of base record i, without building it; non-decreasing in i. */
  baseTime(field: RangeField, i: number): number;
  /** Id of base record i; increasing in i. */
  baseId(i: number): string;
  /** Mutated base records (same index) and created ones (index >= baseCount). A mutated record leaves its base position. */
  readonly overlay: ReadonlyMap<number, Rec>;
  /** Bumped on every change, for caches. */
  readonly version: number;
}
