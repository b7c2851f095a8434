/**
 * Companies through the company scroll. The scroll expires after a minute idle, so it keeps reading while
 * company segments are fetched behind it; only company ids wait in memory for that.
 */
import { scrollPages } from "../../http/scroll.ts";
import { childPages } from "../children.ts";
import { startMembershipReads } from "../membership.ts";
import { CompleteRead } from "../deletions/complete-read.ts";
import { NewSinceLastRead } from "../deletions/new-since-last-read.ts";
import { completePass, type Pass, type PassContext, streamStart } from "../pass.ts";
import { cursorValue } from "../records.ts";

export async function runScrollPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const since = streamStart(context, root.name);
  let children: Promise<void> = Promise.resolve();
  let childFailure: unknown;
  // Segment listings start now, side by side with the scroll; the links are written once every company is known.
  const memberships = startMembershipReads(context, pass);
  // The whole scroll is read: what the last complete scroll saw and this one did not is deleted. A scroll that
  // fails or expires throws before finish(), so it deletes nothing.
  const complete = new CompleteRead(context, pass);
  // Children asked incrementally by a protocol (company_segments) write only what is new since the last read.
  const fresh = new NewSinceLastRead(context, complete);
  const scroll = scrollPages(context.client, {
    stream: root.name,
    path: root.read.path,
    signal: context.signal,
    onEvent: context.onHttpEvent,
    waitForScrollMs: context.options.scrollWaitMs,
    pollMs: context.options.scrollPollMs,
  });
  // Scroll pages move no cursor (a scroll cannot resume): only the completed pass does.
  for await (const page of scroll) {
    if (childFailure) throw childFailure;
    complete.saw(root.name, page);
    if (pass.emitRoot) {
      const changed = since === undefined ? page : page.filter((record) => (cursorValue(record, root.cursorField) ?? since) >= since);
      await context.commit(pass, [{ stream: root.name, records: changed }]);
    }
    memberships?.addParents(page);
    if (pass.children.length > 0) {
      const parents = page.map((record) => ({ id: record.id }));
      children = children.then(async () => {
        const pages = await childPages(context, pass, parents);
        complete.sawPages(pages);
        await context.commit(pass, await fresh.keep(pages));
      });
      children.catch((error) => (childFailure ??= error));
    }
  }
  await children;
  // Links listed by segment are written once every company is known; deletion detection sees them too.
  await memberships?.finish((page) => {
    complete.sawPages([page]);
    return fresh.keepPage(page);
  });
  const deleted = await complete.finish();
  const deletions = memberships ? await memberships.datedDeletions(deleted.pages) : deleted.pages;
  await completePass(context, pass, context.bound, deletions, deleted.perStream);
  await complete.forgetReplaced();
}
