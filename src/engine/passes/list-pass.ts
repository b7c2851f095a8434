/**
 * Streams read whole: one response (admins, teams, tags, data attributes) or pages chained by `pages.next`
 * (segments) or by page number (articles). A `pages.next` is always followed, whatever the stream declares, so a
 * list that starts paging one day is still read completely. Pages move no cursor until the last one is written.
 * The read is the one for the run's API version (streams/versioned.ts). Keys the last complete read saw and this one
 * did not are written as deletions with the last pages (deletions/complete-read.ts).
 */
import { childPages } from "../children.ts";
import { CompleteRead } from "../deletions/complete-read.ts";
import { getPages } from "../pager.ts";
import { completePass, type Pass, type PassContext, streamStart } from "../pass.ts";
import { cursorValue, selectRecords } from "../records.ts";
import type { Page } from "../../sinks/types.ts";
import type { JsonRecord, ListRead, SingleRead } from "../../streams/types.ts";
import { readOn } from "../../streams/versioned.ts";
import { MalformedPageError } from "../../errors.ts";

export async function runListPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const read = readOn(root, context.options.intercomVersion) as SingleRead | ListRead;
  const firstQuery = read.kind === "list" && read.perPage ? { ...read.query, per_page: read.perPage } : read.query;
  const since = root.sync === "client-cursor" ? streamStart(context, root.name) : undefined;
  let pages: Page[] = [];
  // Every record of the list is read, so what is missing since the last complete read is deleted.
  const complete = new CompleteRead(context, pass);
  const list = getPages({
    client: context.client,
    stream: root.name,
    signal: context.signal,
    path: read.path,
    query: firstQuery,
    paging: read.kind === "list" ? "next-or-page-number" : "next",
    records: (body) => withAddedFields(selectRecords(body, read.recordPath, root.name), read.addFields),
  });
  for await (const { records } of list) {
    if (pages.length > 0) await context.commit(pass, pages);
    pages = [];
    if (pass.emitRoot) pages.push({ stream: root.name, records: changedSince(records, root.cursorField, since), expected: records.length });
    complete.saw(root.name, records);
    const children = await childPages(context, pass, records);
    complete.sawPages(children);
    pages.push(...children);
  }
  const deleted = await complete.finish();
  await completePass(context, pass, root.cursorField ? context.bound : undefined, [...pages, ...deleted.pages], deleted.perStream);
  await complete.forgetReplaced();
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
