/** A search stream's records: derived base records plus an overlay of mutated and created ones. */
import type { Rec } from "./context.ts";
import type { SearchStream } from "./search/fields.ts";
import type { RangeField } from "./search/query.ts";
import { isTombstone, tombstoneOf } from "./search/source.ts";
import type { StreamTimeline } from "./timeline.ts";

/** Structurally a SearchSource when S is a search stream; companies reuse it for the scroll. */
export class OverlaySource<S extends string = SearchStream> {
  readonly overlay = new Map<number, Rec>();
  version = 0;

  constructor(
    readonly stream: S,
    readonly baseCount: number,
    private readonly build: (i: number) => Rec,
    private readonly timeline: StreamTimeline,
    private readonly idOf: (i: number) => string,
    readonly idsRiseWithIndex = true,
  ) {}

  base(i: number): Rec {
    return this.build(i);
  }

  baseTime(field: RangeField, i: number): number {
    return field === "created_at" ? this.timeline.createdAt(i) : this.timeline.updatedAt(i);
  }

  baseId(i: number): string {
    return this.idOf(i);
  }

  /** The record as the API shows it now. */
  current(i: number): Rec | undefined {
    const overlaid = this.overlay.get(i);
    if (overlaid) return isTombstone(overlaid) ? undefined : overlaid;
    return i >= 0 && i < this.baseCount ? this.build(i) : undefined;
  }

  /** Index of the record with this id, if it exists. */
  indexOf(id: string, decode: (id: string) => number | undefined): number | undefined {
    const i = decode(id);
    if (i === undefined) return undefined;
    const overlaid = this.overlay.get(i);
    if (overlaid) return overlaid.id === id && !isTombstone(overlaid) ? i : undefined;
    return i < this.baseCount && this.idOf(i) === id ? i : undefined;
  }

  set(i: number, record: Rec): void {
    this.overlay.set(i, record);
    this.version++;
  }

  /** Delete record i (as Intercom does): it is no longer listed, found or served. Returns what it was. */
  remove(i: number): Rec {
    const record = this.current(i);
    if (record === undefined) throw new Error(`${this.stream} record ${i} does not exist`);
    this.set(i, tombstoneOf(record));
    return record;
  }

  /** Records in index order: what a complete export contains. */
  *all(): Generator<Rec> {
    for (let i = 0; i < this.baseCount; i++) {
      const record = this.current(i);
      if (record) yield record;
    }
    for (const [i, record] of this.overlay) if (i >= this.baseCount && !isTombstone(record)) yield record;
  }

  /** Index for the next created record. */
  nextIndex(): number {
    let i = this.baseCount;
    while (this.overlay.has(i)) i++;
    return i;
  }
}
