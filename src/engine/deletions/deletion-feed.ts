/**
 * A stream's deletion feed (StreamSpec.deletions; GET /conversations/deleted): read after the stream's pass,
 * newest first, down to the stream's `deletedCursor` (or --since; everything on a first run without it), and up to
 * the run's bound, as the search streams are: Intercom's clock (the earlier of it and this machine's) minus the
 * search lag. `deleted_at` is Intercom's time, so a cursor on this machine's clock would skip deletions whenever
 * the machine runs ahead; and a deletion may reach the feed a little after its `deleted_at`, which the lag leaves
 * room for. The deletions and the cursor they move are written in one checkpoint, so an `--output` file gets each
 * exactly once (the windows [cursor, bound) of successive runs do not overlap). The feed exists from API 2.16: a run on an older version asks for it with
 * `Intercom-Version: 2.16`, for these requests only. A workspace that answers 404 or 400 has no feed for this
 * token or plan: the run says so once and goes on.
 */
import { API_VERSIONS, type ApiVersion } from "../../api-versions.ts";
import type { Deletion, Page } from "../../sinks/types.ts";
import type { DeletionFeed } from "../../streams/types.ts";
import { type Pass, type PassContext, withPerStream } from "../pass.ts";
import { getPages } from "../pager.ts";
import { selectRecords } from "../records.ts";
import { IntercomApiError, NotFoundError } from "../../errors.ts";

const DAY = 86_400;

export async function readDeletionFeed(context: PassContext, pass: Pass, feed: DeletionFeed): Promise<void> {
  const stream = pass.root.name;
  const saved = context.options.fullRefresh ? undefined : context.store.get(stream)?.deletedCursor;
  const from = saved === undefined ? context.options.since : Math.max(0, saved - context.options.lookbackDays * DAY);
  const until = context.bound;
  const intercomVersion = versionIndex(context.options.intercomVersion) < versionIndex(feed.since) ? feed.since : undefined;
  const found = new Map<string, number>();
  const list = getPages({
    client: context.client,
    stream,
    signal: context.signal,
    intercomVersion,
    path: feed.path,
    query: { per_page: feed.perPage, order: "desc", page: 1 },
    paging: "next-or-page-number",
    records: (body) => selectRecords(body, feed.recordPath, stream),
  });
  try {
    for await (const { records: items } of list) {
      let reachedCursor = false;
      for (const item of items) {
        const deletedAt = Number(item.deleted_at);
        if (item.id === undefined || item.id === null || !Number.isFinite(deletedAt)) continue;
        if (from !== undefined && deletedAt < from) reachedCursor = true;
        // Deleted at or after the bound: the next run's (its cursor starts there).
        else if (deletedAt < until) found.set(String(item.id), Math.trunc(deletedAt));
      }
      if (reachedCursor) break;
    }
  } catch (error) {
    if (error instanceof NotFoundError || (error instanceof IntercomApiError && error.status === 400)) {
      context.warn(stream, `${feed.path} answered ${error.status}: this workspace lists no deleted ${stream}, so their deletions are not detected`);
      return;
    }
    throw error;
  }
  const deletions: Deletion[] = [...found].map(([id, deletedAt]) => ({ key: { id }, deletedAt }));
  const pages: Page[] = deletions.length === 0 ? [] : [{ stream, records: [], deletions }];
  await context.commit(pass, pages, withPerStream(context.store, {}, new Map([[stream, { deletedCursor: until }]])));
}

function versionIndex(version: ApiVersion): number {
  return API_VERSIONS.indexOf(version);
}
