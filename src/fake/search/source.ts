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
  /** Id of base record i. */
  baseId(i: number): string;
  /** Whether baseId rises with i (false for FakeOptions.scatteredContactIds): a sort by id may then walk the index. */
  readonly idsRiseWithIndex: boolean;
  /**
   * Mutated base records (same index) and created ones (index >= baseCount). A mutated record leaves its base
   * position; a deleted one leaves a tombstone (isTombstone), never listed or matched.
   */
  readonly overlay: ReadonlyMap<number, Rec>;
  /** Bumped on every change, for caches. */
  readonly version: number;
}

/** Overlay entries that stand for a deleted record: kept so the base record stays hidden, never listed or matched. */
const tombstones = new WeakSet<Rec>();

/** The overlay entry that hides deleted `record`. */
export function tombstoneOf(record: Rec): Rec {
  const tombstone: Rec = { id: record.id };
  tombstones.add(tombstone);
  return tombstone;
}

export function isTombstone(record: Rec): boolean {
  return tombstones.has(record);
}
