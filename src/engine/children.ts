/**
 * Parent → child fan-out: one request per parent (and one per further page of a paged child list), bounded in
 * parallel, results kept in parent order.
 */
import { GoneError, NotFoundError } from "../http/errors.ts";
import type { Page } from "../sinks/types.ts";
import { singular } from "../streams/describe.ts";
import type { ChildRead, JsonRecord, StreamDefinition } from "../streams/types.ts";
import { MalformedPageError } from "./errors.ts";
import { mapOrdered } from "./limiter.ts";
import { nextPageRequest, readNextPage, type NextPage } from "./next-page.ts";
import type { Pass, PassContext } from "./pass.ts";
import { selectRecords } from "./records.ts";

/** The children of `parents`, one page per child stream, for the batch that writes the parents' page. */
export async function childPages(context: PassContext, pass: Pass, parents: readonly JsonRecord[]): Promise<Page[]> {
  const pages: Page[] = [];
  for (const child of pass.children) {
    const perParent = await mapOrdered(parents, context.options.childConcurrency, (parent) =>
      fetchChildren(context, child, parent),
    );
    pages.push({ stream: child.name, records: perParent.flat() });
  }
  return pages;
}

async function fetchChildren(context: PassContext, child: StreamDefinition, parent: JsonRecord): Promise<JsonRecord[]> {
  const link = child.parent!;
  const read = child.read as ChildRead;
  const path = link.path(parent);
  const records: JsonRecord[] = [];
  const seen = new Set<string>();
  let next: NextPage = undefined;
  for (;;) {
    const request = nextPageRequest(path, undefined, next);
    let body: unknown;
    try {
      body = await context.client.request({ method: "GET", ...request, stream: child.name, signal: context.signal });
    } catch (error) {
      // Deleted (404) or merged into another (410, API 2.16) between listing the parent and fetching its
      // children: nothing to export, but say so.
      if (error instanceof NotFoundError) {
        const what = error instanceof GoneError ? "merged into another" : "deleted";
        context.countSkipped(
          child.name,
          `${singular(link.stream)} ${String(parent.id)} was ${what} before its ${child.name} could be read (${error.status}); skipped`,
        );
        return [];
      }
      throw error;
    }
    const page = selectRecords(body, read.recordPath, child.name);
    records.push(...page);
    // A child list that is not declared paged is one answer (conversation parts: capped, never paged).
    if (!read.paged) {
      warnIfTruncated(context, child, parent, body, page.length);
      break;
    }
    next = nextChildPage(body);
    if (!next) break;
    const key = JSON.stringify(next);
    if (seen.has(key)) throw new MalformedPageError(child.name, `pages.next repeats a page already read (${key})`);
    seen.add(key);
  }
  const fields = link.fields(parent);
  return records.map((record) => ({ ...record, ...fields }));
}

/**
 * The page after this one: `pages.next` in any of its forms, else the next page number while `page` is below
 * `total_pages` (the notes list's example answers `next: null` beside them, as GET /companies does).
 */
function nextChildPage(body: unknown): NextPage {
  const next = readNextPage(body);
  if (next) return next;
  const pages = (body as { pages?: { page?: unknown; total_pages?: unknown } } | null)?.pages;
  const { page, total_pages: totalPages } = pages ?? {};
  return typeof page === "number" && typeof totalPages === "number" && page < totalPages ? { page: page + 1 } : undefined;
}

/** Intercom returns at most 500 parts of a conversation; `total_count` beside the array tells the truth. */
function warnIfTruncated(
  context: PassContext,
  child: StreamDefinition,
  parent: JsonRecord,
  body: unknown,
  returned: number,
): void {
  let container: unknown = body;
  for (const key of child.read.recordPath.slice(0, -1)) container = (container as Record<string, unknown> | null)?.[key];
  const total = (container as { total_count?: unknown } | null)?.total_count;
  if (typeof total === "number" && total > returned) {
    context.warn(
      child.name,
      `${singular(child.parent!.stream)} ${String(parent.id)} has ${total} parts but Intercom returns only the ${returned} most recent; ` +
        `${total - returned} older parts cannot be exported through the API`,
    );
  }
}
