import { defineStream } from "./define.ts";
import { PERMISSIONS } from "./permissions.ts";
import type { JsonSchema } from "../schema/json-schema.ts";

const description =
  "Every open, click, reply, completion, dismissal, unsubscribe, bounce… of an outbound message, from the Content Data Export's files beside the receipts: one row per event.";

/** No component of Intercom's descriptions has these files' columns (only the receipts'): the schema is ours. */
const schema: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  title: "content_events",
  description:
    `${description} The rows are intercom-sync's reading of files Intercom does not document (src/engine/content-export/content-events.ts).`,
  "x-primary-key": ["event_id"],
  "x-cursor-field": "created_at",
  type: "object",
  required: ["event_id"],
  additionalProperties: true,
  properties: {
    event_id: {
      type: "string",
      description: "The JSON array [statistic, receipt_id, created_at, the event's own columns by name]: the same event exported again " +
        "has the same id (the columns the receipts file also has are left out: they describe the receipt, and may change).",
    },
    statistic: { type: "string", description: "From the file's name: opens for opens_20260101_120000.csv, clicks, replies, hard_bounces…" },
    receipt_id: { type: "string", description: "The receipt (content_receipts) the event is of." },
    created_at: {
      type: ["integer", "null"],
      format: "unix-time",
      description: "When it happened: the file's first column ending in _at that the receipts file has not (null when there is none).",
    },
    columns: {
      type: "object",
      additionalProperties: { type: "string" },
      description: "The row's other columns (all but receipt_id and the time), as the file writes them.",
    },
  },
};

export const contentEvents = defineStream({
  name: "content_events",
  description,
  // A guess, as content_receipts': the descriptions name no permission for the export.
  permission: PERMISSIONS.conversations,
  primaryKey: ["event_id"],
  cursorField: "created_at",
  read: { kind: "export-file", parent: "content_receipts", key: "receipt_id" },
  schema: { own: schema },
  notes: "Taken from content_receipts' export job and download, in the same run (Intercom allows one job per workspace): " +
    "every file of the zip but the receipts, one row per event; a download that is one gzipped CSV holds the receipts only " +
    "(said in a warning). Exported again with the receipts' last week, each event under the same event_id (SQLite " +
    "replaces the rows; in the other outputs the later row of an event_id wins). Two rows alike in every column of " +
    "the event are one event. The files' columns beyond receipt_id are not documented: the time is taken as the first " +
    "column ending in _at that the receipts file has not.",
  optIn: "content_receipts' export job (the workspace's one content export slot for minutes)",
});
