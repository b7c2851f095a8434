/**
 * Streams read whole: one response (admins, teams, tags, data attributes) or pages chained by `pages.next`
 * (segments). A `pages.next` is always followed, whatever the stream declares, so a list that starts paging one
 * day is still read completely. Pages move no cursor until the last one is written.
 */
import { childPages } from "../children.ts";
import { MalformedPageError } from "../errors.ts";
import { nextPageRequest, readNextPage, type NextPage } from "../next-page.ts";
import { completePass, streamStart, type Pass, type PassContext } from "../pass.ts";
import { cursorValue, selectRecords } from "../records.ts";
import type { Page } from "../../sinks/types.ts";
import type { JsonRecord, ListRead, SingleRead } from "../../streams/types.ts";

export async function runListPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const read = root.read as SingleRead | ListRead;
  const firstQuery = read.kind === "list" && read.perPage ? { ...read.query, per_page: read.perPage } : read.query;
  const since = root.sync === "client-cursor" ? streamStart(context, root.name) : undefined;
  const seen = new Set<string>();
  let next: NextPage = undefined;
  let pages: Page[] = [];
  for (;;) {
    const request = nextPageRequest(read.path, firstQuery, next);
    const body = await context.client.request({ method: "GET", ...request, stream: root.name, signal: context.signal });
    const records = selectRecords(body, read.recordPath, root.name);
    if (pages.length > 0) await context.commit(pass, pages);
    pages = [];
    if (pass.emitRoot) pages.push({ stream: root.name, records: changedSince(records, root.cursorField, since), expected: records.length });
    pages.push(...(await childPages(context, pass, records)));
    next = readNextPage(body);
    if (!next) break;
    const key = JSON.stringify(next);
    if (seen.has(key)) throw new MalformedPageError(root.name, `pages.next repeats a page already read (${key})`);
    seen.add(key);
  }
  await completePass(context, pass, root.cursorField ? context.bound : undefined, pages);
}

function changedSince(records: JsonRecord[], field: string | undefined, since: number | undefined): JsonRecord[] {
  if (since === undefined) return records;
  return records.filter((record) => (cursorValue(record, field) ?? since) >= since);
}
