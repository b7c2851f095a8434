/**
 * Streams read whole: one response (admins, teams, tags, data attributes) or pages chained by `pages.next`
 * (segments) or by page number (articles). A `pages.next` is always followed, whatever the stream declares, so a
 * list that starts paging one day is still read completely. Pages move no cursor until the last one is written.
 * The read is the one for the run's API version (streams/versioned.ts). Keys the last complete read saw and this one
 * did not are written as deletions with the last pages (deletions/complete-read.ts).
 */
import { childPages } from "../children.ts";
import { CompleteRead } from "../deletions/complete-read.ts";
import { listPages, nextPageRequest } from "../pager.ts";
import { completePass, type Pass, type PassContext, streamStart } from "../pass.ts";
import { cursorValue, selectRecords } from "../records.ts";
import { valueRecords } from "../value-records.ts";
import type { Page } from "../../sinks/types.ts";
import type { JsonRecord, ListRead, SingleRead } from "../../streams/types.ts";
import { answeredVersion, readOn } from "../../streams/versioned.ts";
import { type IntercomApiError, NotFoundError, PermissionError } from "../../errors.ts";

/** 404 (no such endpoint for this plan) or 403 (the plan lacks the feature): what a workspace without one answers. */
function isWithoutFeature(error: unknown): error is IntercomApiError {
  return error instanceof PermissionError || (error instanceof NotFoundError && error.status === 404);
}

/** What the first page's request answers when the workspace lacks the stream's feature. */
const WITHOUT_FEATURE = Symbol("without feature");

export async function runListPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const read = readOn(root, answeredVersion(root, context.options.intercomVersion)) as SingleRead | ListRead;
  const since = root.sync === "client-cursor" ? streamStart(context, root.name) : undefined;
  // A list that filters by time itself (macros' updated_since) is asked only for what changed since the cursor.
  const filtered = read.kind === "list" && read.sinceParam !== undefined && since !== undefined ? { [read.sinceParam]: since } : undefined;
  const paged = read.kind === "list" && read.perPage ? { ...read.query, per_page: read.perPage } : read.query;
  const firstQuery = filtered ? { ...paged, ...filtered } : paged;
  let pages: Page[] = [];
  // Every record of the list is read, so what is missing since the last complete read is deleted (not when the
  // list was filtered by time: what was not asked for is not gone).
  const complete = filtered ? undefined : new CompleteRead(context, pass);
  let missing: IntercomApiError | undefined;
  const list = listPages<unknown>({
    stream: root.name,
    paging: read.kind === "list" ? "next-or-page-number" : "next",
    ask: async (position) => {
      const request = nextPageRequest(read.path, firstQuery, position);
      try {
        return await context.client.request({ method: "GET", ...request, stream: root.name, signal: context.signal });
      } catch (error) {
        // Only the first page: a workspace without the feature answers its very first request so.
        if (position !== undefined || root.feature === undefined || !isWithoutFeature(error)) throw error;
        missing = error;
        return WITHOUT_FEATURE;
      }
    },
    records: (body) => {
      if (body === WITHOUT_FEATURE) return [];
      const found = read.kind === "single" && read.values
        ? valueRecords(body, read.recordPath, read.values.field, root.name)
        : selectRecords(body, read.recordPath, root.name);
      return withAddedFields(found, read.addFields);
    },
  });
  for await (const { body, records } of list) {
    if (body === WITHOUT_FEATURE) break;
    if (pages.length > 0) await context.commit(pass, pages);
    pages = [];
    if (pass.emitRoot) pages.push({ stream: root.name, records: changedSince(records, root.cursorField, since), expected: records.length });
    complete?.saw(root.name, records);
    const children = await childPages(context, pass, records);
    complete?.sawPages(children);
    pages.push(...children);
  }
  if (missing) {
    // Nothing read, nothing deleted, the cursor where it was: a workspace that gains the feature is read in full.
    context.warn(
      root.name,
      `GET ${read.path} answered ${missing.status}: this workspace has no ${root.feature} (its plan, or not set up), so ${root.name} is empty; not an error`,
    );
    return;
  }
  const deleted = complete ? await complete.finish() : { pages: [], perStream: undefined };
  await completePass(context, pass, root.cursorField ? context.bound : undefined, [...pages, ...deleted.pages], deleted.perStream);
  await complete?.forgetReplaced();
}

const TEMPLATE_FIELD = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Each record with the read's `addFields` filled in from its own fields (a missing field fills in as ""). */
export function withAddedFields(records: JsonRecord[], addFields: Record<string, string> | undefined): JsonRecord[] {
  if (!addFields) return records;
  const fill = (record: JsonRecord, template: string) =>
    template.replace(TEMPLATE_FIELD, (_, field: string) => (record[field] === undefined || record[field] === null ? "" : String(record[field])));
  return records.map((record) => ({
    ...record,
    ...Object.fromEntries(Object.entries(addFields).map(([name, template]) => [name, fill(record, template)])),
  }));
}

function changedSince(records: JsonRecord[], field: string | undefined, since: number | undefined): JsonRecord[] {
  if (since === undefined) return records;
  return records.filter((record) => (cursorValue(record, field) ?? since) >= since);
}
