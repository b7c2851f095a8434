import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";

const DAY = 86_400;

export const contentReceipts = defineStream({
  name: "content_receipts",
  description:
    "Outbound message receipts from the Content Data Export: who was sent which email, post, survey, tour or series message, when, and the first time they opened, clicked, replied, completed, dismissed, unsubscribed or bounced.",
  // A guess: the descriptions name no permission for the export.
  permission: PERMISSIONS.conversations,
  primaryKey: ["receipt_id"],
  cursorField: "received_at",
  read: {
    kind: "export-job",
    path: "/export/content/data",
    download: "/download/content/data",
    statistic: "receipts",
    lookback: 7 * DAY,
    key: "receipt_id",
    timeColumns: [
      "received_at",
      "first_reply",
      "first_completion",
      "first_series_completion",
      "first_series_disengagement",
      "first_series_exit",
      "first_goal_success",
      "first_open",
      "first_click",
      "first_dismisall",
      "first_unsubscribe",
      "first_hard_bounce",
    ],
  },
  schema: {
    component: "data_export_csv",
    note: "The rows of the export's receipts file; the ids are text as the file writes them, -1 where there is none.",
  },
  notes: "One export job a run (Intercom allows one per workspace: a job another tool holds is waited for) for the " +
    "messages sent from 7 days before the cursor to the run's start: a receipt's first open, click or reply is " +
    "counted only inside the job's window, so the last week is exported again each run (SQLite replaces the rows; " +
    "in the other outputs the later row of a receipt_id wins). The download is taken as a gzipped CSV or a zip of " +
    "CSV files; the receipts file is this stream's, every other file (opens, clicks, replies…) content_events', from the same job. " +
    "Intercom caps a job at 10 million rows.",
  optIn: "an export job each run, which takes the workspace's one content export slot for minutes",
});
