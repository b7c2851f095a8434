/**
 * Streams read whole that a protocol asks for incrementally (company_segments under an incremental Airbyte
 * catalog or a Singer bookmark): every run still reads every record, so deletions are found (complete-read.ts),
 * but a record is written only when it is new since the last complete read, or when its cursor field is at or past
 * the stream's saved cursor (its row changed: a segment renamed). Without a last complete read the saved cursor
 * alone decides (the Airbyte connector's state: records updated since it; a cursor in the future: none); without
 * either (a first run, a full refresh), or when our own state lacks the last read's keys, everything is written.
 * @example
 * const fresh = new NewSinceLastRead(context, complete);
 * await context.commit(pass, await fresh.keep(pages));
 */
import type { Page } from "../../sinks/types.ts";
import { streamByName } from "../../streams/catalog.ts";
import type { PassContext } from "../pass.ts";
import { cursorValue } from "../records.ts";
import { type CompleteRead, recordKey } from "./complete-read.ts";

const DAY = 86_400;

interface Filter {
  primaryKey: string[];
  cursorField?: string;
  previous?: ReadonlySet<string>;
  since?: number;
}

export class NewSinceLastRead {
  readonly #filters = new Map<string, Promise<Filter | undefined>>();

  constructor(
    private readonly context: PassContext,
    private readonly complete: CompleteRead,
  ) {}

  /** The pages with, for the streams concerned, only their new or changed records (deletions untouched). */
  async keep(pages: readonly Page[]): Promise<Page[]> {
    return Promise.all(pages.map((page) => this.keepPage(page)));
  }

  async keepPage(page: Page): Promise<Page> {
    const filter = await this.#filter(page.stream);
    if (filter === undefined) return page;
    const { primaryKey, cursorField, previous, since } = filter;
    const records = page.records.filter((record) => {
      if (previous !== undefined && !previous.has(recordKey(primaryKey, record))) return true;
      if (since === undefined) return previous === undefined;
      const value = cursorField === undefined ? undefined : cursorValue(record, cursorField);
      return value !== undefined && value >= since;
    });
    return records.length === page.records.length ? page : { ...page, records };
  }

  #filter(stream: string): Promise<Filter | undefined> {
    let filter = this.#filters.get(stream);
    if (filter === undefined) {
      filter = this.#load(stream);
      this.#filters.set(stream, filter);
    }
    return filter;
  }

  async #load(stream: string): Promise<Filter | undefined> {
    const { options, store } = this.context;
    const definition = streamByName(stream);
    if (!options.newRecordsOnly?.has(stream) || options.fullRefresh || definition === undefined) return undefined;
    const progress = store.get(stream);
    const previous = await this.complete.previousKeys(stream);
    // Our own state without the last read's keys (lost, or left out of a STATE too long to carry them): everything
    // is written rather than a new record missed. Only another tool's state (a cursor alone) lets the cursor decide.
    const ours = progress?.seen !== undefined || progress?.lastSyncedAt !== undefined || progress?.outcome !== undefined;
    if (ours && previous === undefined) return undefined;
    const cursor = progress?.cursor;
    return {
      primaryKey: definition.primaryKey,
      cursorField: definition.cursorField,
      previous,
      since: cursor === undefined ? undefined : Math.max(0, cursor - options.lookbackDays * DAY),
    };
  }
}
