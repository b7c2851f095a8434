/**
 * The types of a child of references that the run names to read whole (PassOptions.wholeTypes, from
 * --custom-object-types): each type's every record is listed (References.whole: GET /custom_object_instances/{type}
 * with API 2.16, whatever the run's version), also those no parent refers to, on the pass of the stream's first
 * parent, before its parents are read. The pages are written as they come and move no cursor (a killed run lists
 * them again). Once every named type is listed to its end, a key of a named type that the last complete listing saw
 * and this one did not is retracted, and this listing's keys become the stream's `seen` (as other whole reads:
 * deletions/complete-read.ts). A type the workspace does not have (404) is said once, and the run goes on.
 */
import type { Deletion, Page } from "../sinks/types.ts";
import type { References, StreamDefinition } from "../streams/types.ts";
import { keyFields, recordKey } from "./deletions/complete-read.ts";
import { packKeys, unpackKeys } from "./deletions/key-codec.ts";
import { keyListDigest } from "./deletions/key-store.ts";
import { getPages } from "./pager.ts";
import { type Pass, type PassContext, withPerStream } from "./pass.ts";
import { selectRecords } from "./records.ts";
import { wholeTypeListing } from "./whole-type-listing.ts";
import { runRefs } from "./referenced-children.ts";
import { sayWithoutFeature } from "./without-feature.ts";
import type { SeenKeys } from "./state-store.ts";
import { NotFoundError, PermissionError } from "../errors.ts";

/** List the named types of every child of references on `pass` that its first parent's pass reads whole. */
export async function readWholeTypes(context: PassContext, pass: Pass): Promise<void> {
  const types = context.options.wholeTypes ?? [];
  if (types.length === 0) return;
  for (const child of pass.children) {
    const read = child.read;
    if (read.kind !== "child" || read.references?.whole === undefined || read.parent !== pass.root.name) continue;
    await readTypes(context, pass, child, read.references.whole, types);
  }
}

async function readTypes(
  context: PassContext,
  pass: Pass,
  child: StreamDefinition,
  whole: NonNullable<References["whole"]>,
  types: readonly string[],
): Promise<void> {
  const refs = runRefs(context);
  const keys = new Set<string>();
  const listedTypes = new Set<string>();
  for (const type of types) {
    const { path, query, intercomVersion } = wholeTypeListing(whole, type);
    const pages = getPages({
      client: context.client,
      stream: child.name,
      path,
      query,
      paging: "next-or-page-number",
      signal: context.signal,
      intercomVersion,
      records: (body) => selectRecords(body, whole.recordPath, child.name),
    });
    let pagesRead = 0;
    try {
      for await (const { records } of pages) {
        pagesRead++;
        for (const record of records) keys.add(recordKey(child.primaryKey, record));
        refs.listed.set(child.name, (refs.listed.get(child.name) ?? 0) + records.length);
        // Written now, no cursor moved: the next run lists the type again whatever happens after.
        if (records.length > 0) await context.commit(pass, [{ stream: child.name, records }]);
      }
      listedTypes.add(type);
    } catch (error) {
      // Only the first page's 404 says the type is not there: a later one leaves the listing incomplete.
      if (error instanceof NotFoundError && error.status === 404 && pagesRead === 0) {
        context.warn(
          child.name,
          `GET ${path} answered 404: this workspace has no type "${type}" (named by --custom-object-types), so none of its instances is read; not an error`,
        );
        // Gone or never there: none of its instances is left, and the next listing starts from none.
        listedTypes.add(type);
        continue;
      }
      if (!(error instanceof PermissionError) || child.feature === undefined) throw error;
      sayWithoutFeature(context, child, `GET ${whole.path}`, error.status);
      return;
    }
  }
  await retractGone(context, pass, child, keys, listedTypes);
}

/**
 * Every named type is listed: retract the keys of those types the last complete listing saw and this one did not,
 * and record this listing's keys, in one checkpoint. Keys of types no longer named are dropped from `seen`
 * without a retraction: their records may still be read by reference.
 */
async function retractGone(
  context: PassContext,
  pass: Pass,
  child: StreamDefinition,
  keys: ReadonlySet<string>,
  types: ReadonlySet<string>,
): Promise<void> {
  const typeOf = (key: string) => keyFields(child.primaryKey, key).type;
  const previous = context.store.get(child.name)?.seen;
  const before = await previousKeys(previous);
  const deletedAt = context.runStartedAt ?? context.nowSeconds();
  const deletions: Deletion[] = (before ?? [])
    .filter((key) => types.has(typeOf(key) ?? "") && !keys.has(key))
    .map((key) => ({ key: keyFields(child.primaryKey, key), deletedAt }));
  const sorted = [...keys].sort();
  const seen: SeenKeys = { count: sorted.length, digest: await keyListDigest(sorted), packed: await packKeys(sorted) };
  const pages: Page[] = deletions.length > 0 ? [{ stream: child.name, records: [], deletions }] : [];
  await context.commit(pass, pages, withPerStream(context.store, {}, new Map([[child.name, { seen }]])));
}

/** The keys `seen` names, or undefined when there are none or they do not match their digest (then no deletions). */
async function previousKeys(seen: SeenKeys | undefined): Promise<string[] | undefined> {
  if (seen?.packed === undefined) return undefined;
  const keys = await unpackKeys(seen.packed).catch(() => undefined);
  if (keys === undefined || keys.length !== seen.count) return undefined;
  return seen.digest === undefined || (await keyListDigest(keys)) === seen.digest ? keys : undefined;
}
