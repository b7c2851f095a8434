/**
 * The company scroll's server-side state. One scroll per workspace: opening a second while one is live
 * is a 400; a scroll unused for a minute expires; an empty page ends it. Times are wall-clock ms.
 */
import { KIND } from "./hash.ts";
import { uuid } from "./ids.ts";

export const SCROLL_IDLE_MS = 60_000;

export interface OpenScroll {
  param: string;
  /** Index of the next company to serve. */
  position: number;
  lastUsedMs: number;
  pagesServed: number;
}

export class ScrollRegistry {
  #open: OpenScroll | undefined;
  #opened = 0;

  constructor(private readonly seed: number, private readonly clock: () => number) {}

  /** The live scroll, dropping it first if it has been idle too long. */
  live(): OpenScroll | undefined {
    if (this.#open && this.clock() - this.#open.lastUsedMs >= SCROLL_IDLE_MS) this.#open = undefined;
    return this.#open;
  }

  open(): OpenScroll {
    this.#opened++;
    this.#open = { param: uuid(this.seed, KIND.scroll, this.#opened), position: 0, lastUsedMs: this.clock(), pagesServed: 0 };
    return this.#open;
  }

  find(param: string): OpenScroll | undefined {
    const scroll = this.live();
    return scroll && scroll.param === param ? scroll : undefined;
  }

  touch(scroll: OpenScroll): void {
    scroll.lastUsedMs = this.clock();
  }

  close(): void {
    this.#open = undefined;
  }

  /** The restart fault fires once per setting of `scrollRestartAfterPages`. */
  restartFiredFor: number | undefined;

  now(): number {
    return this.clock();
  }

  get openCount(): number {
    return this.live() ? 1 : 0;
  }
}
