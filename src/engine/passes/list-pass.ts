/** Streams that come in one response: admins, teams, tags, segments, data attributes. */
import { childPages } from "../children.ts";
import { completePass, streamStart, type Pass, type PassContext } from "../pass.ts";
import { cursorValue, selectRecords } from "../records.ts";
import type { Page } from "../../sinks/types.ts";

export async function runListPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const body = await context.client.request({
    method: root.method,
    path: root.path,
    query: root.query,
    stream: root.name,
    signal: context.signal,
  });
  const records = selectRecords(body, root.recordPath, root.name);
  const pages: Page[] = [];
  if (pass.emitRoot) {
    const since = root.sync === "client-cursor" ? streamStart(context, root.name) : undefined;
    const changed =
      since === undefined ? records : records.filter((record) => (cursorValue(record, root.cursorField) ?? since) >= since);
    pages.push({ stream: root.name, records: changed, expected: records.length });
  }
  pages.push(...(await childPages(context, pass, records)));
  await completePass(context, pass, root.cursorField ? context.bound : undefined, pages);
}
