/** The Content Data Export (2.11+): one job per workspace at a time, its download (content-export/). */
import { contentExportStatus, contentReceipts, downloadContentExport, enqueueContentExport } from "../content-export/routes.ts";
import { contentEventRecords } from "../records/content-events.ts";
import { PERMISSION } from "../permissions.ts";
import type { FakeResource } from "./resource.ts";

export const contentExport: FakeResource = {
  // The events are those a zip download holds (a gzipped CSV holds the receipts only).
  records: { content_receipts: contentReceipts, content_events: (ws) => contentEventRecords(contentReceipts(ws)) },
  routes: [
    // The permission is a guess, as the stream's: the descriptions name none.
    { method: "POST", path: "/export/content/data", permission: PERMISSION.conversations, handle: enqueueContentExport },
    { method: "GET", path: "/export/content/data/{id}", permission: PERMISSION.conversations, handle: contentExportStatus },
    { method: "GET", path: "/download/content/data/{id}", permission: PERMISSION.conversations, handle: downloadContentExport },
  ],
  sizes: { contentReceipts: 40 },
};
