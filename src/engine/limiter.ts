/**
 * Caps how many tasks hold a slot at once: requests in flight (run-sync.ts; the rate budget in src/http/ decides
 * how fast they go) and a pass's windows between "ask for a page" and "page written" (page-slots.ts). The capacity
 * may be a function, read at every acquire and release, so a cap can follow what the run learns. Slots go to
 * waiters in the order they came: a newcomer never overtakes one already waiting.
 */
export class Limiter {
  #held = 0;
  #waiting: (() => void)[] = [];
  readonly #capacity: () => number;

  constructor(capacity: number | (() => number)) {
    if (typeof capacity === "number" && (!Number.isInteger(capacity) || capacity < 1)) {
      throw new RangeError(`concurrency must be ≥ 1, got ${capacity}`);
    }
    this.#capacity = typeof capacity === "number" ? () => capacity : capacity;
  }

  /** The slots allowed now. */
  get capacity(): number {
    return this.#capacity();
  }

  /** Waits for a slot; a cancelled run stops waiting with the signal's reason. Every acquire needs one release. */
  acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.#waiting.length === 0 && this.#held < this.capacity) {
      this.#held++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const abort = () => {
        this.#waiting = this.#waiting.filter((waiter) => waiter !== take);
        reject(signal!.reason);
      };
      const take = () => {
        signal?.removeEventListener("abort", abort);
        resolve();
      };
      this.#waiting.push(take);
      signal?.addEventListener("abort", abort, { once: true });
    });
  }

  release(): void {
    this.#held = Math.max(0, this.#held - 1);
    // The slot goes straight to the first waiter (counted as held before it runs), as many as the capacity allows now.
    while (this.#waiting.length > 0 && this.#held < this.capacity) {
      this.#held++;
      this.#waiting.shift()!();
    }
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }
}

/** Runs `fn` over `items` with at most `parallel` at once, keeping results in input order. */
export async function mapOrdered<T, R>(items: readonly T[], parallel: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(parallel, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
