/**
 * The reporting export jobs a run may hold pending at once, shared by every report stream of the run. Intercom
 * allows 5 per workspace; a run takes fewer by default, leaving room for other tools (and a 429 is waited out).
 */
export class JobSlots {
  #free: number;
  readonly #waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1 || size > 5) throw new RangeError(`pending report jobs must be 1 to 5, not ${size}`);
    this.#free = size;
  }

  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
}
