/**
 * The page size of one search pass. Intercom's search can answer 502 or 504 when a page takes too long to build
 * (contacts with many attributes, at 150 per page) and then succeeds at a smaller size. After a second gateway
 * error in a row at one size the page is asked for again at half the size, from the same `starting_after`, and the
 * pass keeps the smaller size. Intercom's cursor names the last record read (its sort value and id), not an offset,
 * so it stays valid when per_page changes.
 * @example
 * const size = new SearchPageSize(150);
 * size.shrinkAfter(gatewayError, 150); // true: size.current is now 75
 */
import type { ApiRequest } from "../http/types.ts";
import { TransientError } from "../errors.ts";

/** The gateway statuses Intercom answers when a search page is too big to build in time. */
export const GATEWAY_STATUSES: readonly number[] = [502, 504];
/** Below this the page size is not halved again: the error is Intercom's, not the page's. */
export const MIN_SEARCH_PAGE_SIZE = 10;
/** Attempts at one size before halving: a single 502 is often a blip that the same request gets past. */
const ATTEMPTS_PER_SIZE = 2;

export class SearchPageSize {
  #current: number;
  readonly #floor: number;
  readonly #failures: { status: number; perPage: number }[] = [];

  constructor(readonly initial: number) {
    this.#current = initial;
    this.#floor = Math.min(initial, MIN_SEARCH_PAGE_SIZE);
  }

  get current(): number {
    return this.#current;
  }

  /** What to add to a request at `perPage`: give up early on gateway errors, except at the smallest size. */
  requestOptions(perPage: number): Pick<ApiRequest, "giveUpSoonerOn"> {
    return perPage > this.#floor ? { giveUpSoonerOn: { statuses: GATEWAY_STATUSES, attempts: ATTEMPTS_PER_SIZE } } : {};
  }

  /**
   * After a request at `perPage` failed: true when it was a gateway error the pass can answer with a smaller page
   * (`current` is then smaller). Windows read side by side may fail at the same size; the size is halved once.
   */
  shrinkAfter(error: unknown, perPage: number): boolean {
    if (!(error instanceof TransientError) || error.status === undefined || !GATEWAY_STATUSES.includes(error.status)) return false;
    if (perPage <= this.#floor) return false;
    const smaller = Math.max(this.#floor, Math.floor(perPage / 2));
    if (smaller < this.#current) {
      this.#current = smaller;
      this.#failures.push({ status: error.status, perPage });
    }
    return true;
  }

  /** The run summary's note, or undefined when the size never changed. */
  describe(): string | undefined {
    if (this.#failures.length === 0) return undefined;
    const answers = this.#failures.map(({ status, perPage }) => `${status} at ${perPage}`).join(", ");
    return `Intercom answered ${answers} per page; read at ${this.#current} per page from then on`;
  }
}
