/** The Content Data Export (2.11+): one job per workspace at a time, its download (content-export/). */
import { contentExportStatus, contentReceipts, downloadContentExport, enqueueContentExport } from "../content-export/routes.ts";
import { PERMISSION } from "../permissions.ts";
import type { FakeResource } from "./resource.ts";

export const contentExport: FakeResource = {
  records: { content_receipts: contentReceipts },
  routes: [
    // The permission is a guess, as the stream's: the descriptions name none.
    { method: "POST", path: "/export/content/data", permission: PERMISSION.conversations, handle: enqueueContentExport },
    { method: "GET", path: "/export/content/data/{id}", permission: PERMISSION.conversations, handle: contentExportStatus },
    { method: "GET", path: "/download/content/data/{id}", permission: PERMISSION.conversations, handle: downloadContentExport },
  ],
  sizes: { contentReceipts: 40 },
};
