/**
 * Deletions of streams read whole every run (admins, teams, tags, segments, data attributes, companies through
 * the scroll, and the children read for each of their records, e.g. company_segments): a key the last complete
 * read saw that this complete read did not is deleted, `deleted_at` being the time of this run.
 *
 * Only a read that ran to its end counts: the pass calls `finish` after its last page, so a failed, expired or
 * cancelled read throws before it and records nothing, and deletes nothing. What a complete read saw is kept in
 * the stream's progress (`seen`), packed (key-codec.ts), so it travels with the state wherever that is kept: a
 * state file, a database, a protocol STATE message passed back. Keys an earlier version kept inline or in a
 * KeyStore (a file beside the state) are still read; the checkpoint of this read replaces them with the packed
 * form, and `forgetReplaced` then removes the file.
 *
 * @example
 * const read = new CompleteRead(context, pass);
 * read.saw(pass.root.name, records);              // every record read, changed or not
 * const { pages, perStream } = await read.finish(); // deletion pages and the `seen` to record with them
 * await completePass(context, pass, cursor, [...lastPages, ...pages], perStream);
 * await read.forgetReplaced();
 */
import type { Deletion, JsonRecord, Page } from "../../sinks/types.ts";
import { documentKeys, isDocument } from "../documents/document-pages.ts";
import type { Pass, PassContext } from "../pass.ts";
import type { SeenKeys, StreamProgress } from "../state-store.ts";
import { packKeys, unpackKeys } from "./key-codec.ts";
import { keyListDigest, type KeyStore, memoryKeyStore } from "./key-store.ts";

const fallbackKeys = memoryKeyStore();

export class CompleteRead {
  readonly #seen = new Map<string, { primaryKey: string[]; keys: Set<string> }>();
  readonly #replaced: { stream: string; digest: string }[] = [];
  readonly #keys: KeyStore;
  readonly #root: string;
  /** The root's documents: every root record read renders to documents whose keys these give. */
  readonly #mirrors: { name: string; keys: (record: JsonRecord) => JsonRecord[] }[];

  constructor(
    private readonly context: PassContext,
    pass: Pass,
  ) {
    this.#keys = context.keys ?? fallbackKeys;
    this.#root = pass.root.name;
    this.#mirrors = pass.children.filter(isDocument).map((child) => ({ name: child.name, keys: (record) => documentKeys(child.read, record) }));
    for (const stream of [...(pass.emitRoot ? [pass.root] : []), ...pass.children]) {
      this.#seen.set(stream.name, { primaryKey: stream.primaryKey, keys: new Set() });
    }
  }

  /** Note the keys of records read for `stream` (every one read, also those not emitted). */
  saw(stream: string, records: readonly JsonRecord[]): void {
    const entry = this.#seen.get(stream);
    if (entry) { for (const record of records) entry.keys.add(recordKey(entry.primaryKey, record)); }
    if (stream !== this.#root) return;
    for (const mirror of this.#mirrors) {
      const documents = this.#seen.get(mirror.name);
      if (!documents) continue;
      for (const record of records) {
        for (const key of mirror.keys(record)) documents.keys.add(recordKey(documents.primaryKey, key));
      }
    }
  }

  sawPages(pages: readonly Page[]): void {
    for (const page of pages) this.saw(page.stream, page.records);
  }

  /**
   * The read is complete: one page of deletions per stream that lost keys, and each stream's `seen` to record in
   * the same checkpoint.
   */
  async finish(): Promise<{ pages: Page[]; perStream: Map<string, Partial<StreamProgress>> }> {
    const deletedAt = this.context.runStartedAt ?? this.context.nowSeconds();
    const pages: Page[] = [];
    const perStream = new Map<string, Partial<StreamProgress>>();
    for (const [stream, { primaryKey, keys }] of this.#seen) {
      const sorted = [...keys].sort();
      const previous = this.context.store.get(stream)?.seen;
      const before = previous === undefined ? undefined : await this.#load(stream, previous);
      if (previous !== undefined && before === undefined) {
        this.context.warn(stream, `the keys of its last complete read are missing (${previous.count}); deletions are found again from the next run`);
      }
      const deletions: Deletion[] = (before ?? [])
        .filter((key) => !keys.has(key))
        .map((key) => ({ key: keyFields(primaryKey, key), deletedAt }));
      if (deletions.length > 0) pages.push({ stream, records: [], deletions });
      const seen = await this.#store(sorted, previous);
      // A list an earlier version kept in a file: the packed form replaces it.
      if (previous?.digest !== undefined && previous.packed === undefined) this.#replaced.push({ stream, digest: previous.digest });
      perStream.set(stream, { seen });
    }
    return { pages, perStream };
  }

  /** The keys the last complete read of `stream` saw; undefined when there was none or its list is lost. */
  async previousKeys(stream: string): Promise<ReadonlySet<string> | undefined> {
    const previous = this.context.store.get(stream)?.seen;
    const keys = previous === undefined ? undefined : await this.#load(stream, previous);
    return keys === undefined ? undefined : new Set(keys);
  }

  /** After the checkpoint of `finish`'s result is saved: remove the key lists it replaced. */
  async forgetReplaced(): Promise<void> {
    for (const { stream, digest } of this.#replaced.splice(0)) await this.#keys.remove(stream, digest);
  }

  /** The keys `seen` names, or undefined when they are lost or do not match their digest (then no deletions). */
  async #load(stream: string, seen: SeenKeys): Promise<string[] | undefined> {
    if (seen.packed !== undefined) {
      const keys = await unpackKeys(seen.packed).catch(() => undefined);
      if (keys === undefined || keys.length !== seen.count) return undefined;
      return seen.digest === undefined || (await keyListDigest(keys)) === seen.digest ? keys : undefined;
    }
    if (seen.keys !== undefined) return seen.keys;
    if (seen.digest === undefined) return undefined;
    return this.#keys.read(stream, seen.digest);
  }

  /** `sorted`, packed; an unchanged list keeps its packed text (no gzip on a run that lost and gained nothing). */
  async #store(sorted: string[], previous: SeenKeys | undefined): Promise<SeenKeys> {
    const digest = await keyListDigest(sorted);
    if (previous?.packed !== undefined && previous.digest === digest) return { count: sorted.length, digest, packed: previous.packed };
    return { count: sorted.length, digest, packed: await packKeys(sorted) };
  }
}

/** A record's key as one string: the id for a one-field key, a JSON array of the fields' text otherwise. */
export function recordKey(primaryKey: readonly string[], record: JsonRecord): string {
  if (primaryKey.length === 1) return String(record[primaryKey[0]!]);
  return JSON.stringify(primaryKey.map((field) => String(record[field])));
}

/** The key fields back from recordKey's string. */
export function keyFields(primaryKey: readonly string[], key: string): Record<string, string> {
  if (primaryKey.length === 1) return { [primaryKey[0]!]: key };
  const values = JSON.parse(key) as string[];
  return Object.fromEntries(primaryKey.map((field, index) => [field, values[index] ?? ""]));
}
