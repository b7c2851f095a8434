/**
 * Which records of a page are checked against the schema. Checking every record of a large export costs about a
 * tenth of its time, and a stream's records share their shape, so past a stream's first pages a fixed share is
 * checked — and everything again wherever a mismatch shows up:
 *
 * - every record of each stream's first `fullPages` non-empty pages;
 * - then, of the n-th page, the records at positions ≡ n (mod `every`), so the sample moves through the positions
 *   page by page, and at least one record of every page (a field wrong in every record is always caught);
 * - when a checked record does not match, the rest of its page is checked too, and every record of the stream's
 *   next `fullPages` pages.
 *
 * Mismatch counts are therefore exact for the pages checked in full and a lower bound elsewhere; `checked` says
 * how many records were looked at.
 *
 * @example
 * const sampling = new SampledValidation();
 * sampling.checkPage("contacts", records, validate, counter);
 */
import type { MismatchCounter } from "./mismatch-counter.ts";
import type { RecordValidator } from "./validate.ts";

export interface SamplingOptions {
  /** Pages checked in full at the start of each stream and after a mismatch. Default 10. */
  fullPages?: number;
  /** One record in `every` is checked on the other pages. Default 8; 1 checks every record. */
  every?: number;
}

interface StreamSampling {
  /** Non-empty pages seen so far. */
  pages: number;
  /** Pages with an index below this are checked in full. */
  fullUntil: number;
  checked: number;
}

export const SAMPLING_DEFAULTS = { fullPages: 10, every: 8 } as const;

export class SampledValidation {
  readonly fullPages: number;
  readonly every: number;
  readonly #streams = new Map<string, StreamSampling>();

  constructor(options: SamplingOptions = {}) {
    this.fullPages = Math.max(0, Math.floor(options.fullPages ?? SAMPLING_DEFAULTS.fullPages));
    this.every = Math.max(1, Math.floor(options.every ?? SAMPLING_DEFAULTS.every));
  }

  /** Check the chosen records of one page and count their mismatches. */
  checkPage(stream: string, records: readonly unknown[], validate: RecordValidator, counter: MismatchCounter): void {
    if (records.length === 0) return;
    let state = this.#streams.get(stream);
    if (state === undefined) {
      state = { pages: 0, fullUntil: this.fullPages, checked: 0 };
      this.#streams.set(stream, state);
    }
    const page = state.pages++;
    const check = (index: number): boolean => {
      state.checked++;
      const found = validate(records[index]);
      if (found.length === 0) return false;
      counter.add(stream, found);
      return true;
    };
    if (page < state.fullUntil || this.every === 1) {
      let mismatched = false;
      for (let index = 0; index < records.length; index++) if (check(index)) mismatched = true;
      if (mismatched) state.fullUntil = state.pages + this.fullPages;
      return;
    }
    const offset = page % this.every;
    // A page shorter than the offset still has one record checked.
    const first = offset < records.length ? offset : offset % records.length;
    let mismatched = false;
    for (let index = first; index < records.length; index += this.every) if (check(index)) mismatched = true;
    if (!mismatched) return;
    for (let index = 0; index < records.length; index++) {
      if (index >= first && (index - first) % this.every === 0) continue; // checked above
      check(index);
    }
    state.fullUntil = state.pages + this.fullPages;
  }

  /** Records checked so far, of one stream or of all. */
  checked(stream?: string): number {
    if (stream !== undefined) return this.#streams.get(stream)?.checked ?? 0;
    let sum = 0;
    for (const state of this.#streams.values()) sum += state.checked;
    return sum;
  }
}
