/** Parent → child fan-out: one request per parent, bounded in parallel, results kept in parent order. */
import { GoneError, NotFoundError } from "../http/errors.ts";
import type { Page } from "../sinks/types.ts";
import type { JsonRecord, StreamDefinition } from "../streams/types.ts";
import { mapOrdered } from "./limiter.ts";
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
  let body: unknown;
  try {
    body = await context.client.request({ method: "GET", path: link.path(parent), stream: child.name, signal: context.signal });
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
  const records = selectRecords(body, child.read.recordPath, child.name);
  warnIfTruncated(context, child, parent, body, records.length);
  const fields = link.fields(parent);
  return records.map((record) => ({ ...record, ...fields }));
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

/** One record of a parent stream, for messages: "conversation 123", "company 5". */
function singular(stream: string): string {
  return stream.endsWith("ies") ? `${stream.slice(0, -3)}y` : stream.replace(/s$/, "");
}
