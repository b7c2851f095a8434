/**
 * A stream read by an export job (ExportJobRead: the Content Data Export's receipts). One job a run, for the send
 * times from the cursor moved back by the read's lookback (a receipt's first open, click or reply is counted only
 * inside the job's window, so recent receipts are exported again as those settle) to the run's bound; the records
 * are the rows of the download's file of the read's statistic, typed (unix-time columns as integers, empty as
 * null). The cursor moves to the bound only with the rows written; a job that fails every attempt moves nothing.
 */
import { realClock } from "../../http/clock.ts";
import type { ExportJobRead, JsonRecord } from "../../streams/types.ts";
import { completePass, type Pass, type PassContext } from "../pass.ts";
import { DEFAULT_REPORT_JOB_SETTINGS } from "../reports/report-job.ts";
import { type ContentCsv, contentFiles } from "./content-file.ts";
import { runContentJob } from "./content-job.ts";
import { MalformedPageError } from "../../errors.ts";

export async function runExportJobPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const read = root.read as ExportJobRead;
  const cursor = context.options.fullRefresh ? undefined : context.store.get(root.name)?.cursor;
  const start = cursor === undefined ? (context.options.since ?? 0) : Math.max(0, cursor - context.options.lookbackDays * 86_400 - read.lookback);
  // The job's range is inclusive; the run reads nothing at or after its bound.
  const end = context.bound - 1;
  if (end < start) return await completePass(context, pass, cursor);
  const download = await runContentJob({ start, end }, {
    client: context.client,
    paths: { jobs: read.path, download: read.download },
    stream: root.name,
    clock: realClock,
    settings: { ...DEFAULT_REPORT_JOB_SETTINGS, ...context.options.exportJobs },
    signal: context.signal,
  });
  let files: ContentCsv[];
  try {
    files = download.bytes.length === 0 ? [] : await contentFiles(download.bytes);
  } catch (error) {
    throw new MalformedPageError(
      root.name,
      `the download of export job ${download.jobId} is neither a gzipped CSV nor a zip of CSV files (${
        error instanceof Error ? error.message : String(error)
      }); run the sync again to export that window again`,
    );
  }
  const mine = files.find((file) => file.statistic === read.statistic);
  const others = files.filter((file) => file !== mine).map((file) => file.name);
  if (others.length > 0) {
    context.warn(
      root.name,
      `the export's download also holds ${
        others.join(", ")
      }: ${root.name} takes ${read.statistic} only (each receipt carries its statistics' first times)`,
    );
  }
  if (files.length > 0 && !mine) {
    throw new MalformedPageError(
      root.name,
      `the download of export job ${download.jobId} holds no ${read.statistic} file (it holds ${others.join(", ")})`,
    );
  }
  const records = mine ? typedRows(root.name, mine, read) : [];
  await completePass(context, pass, context.bound, records.length > 0 ? [{ stream: root.name, records }] : []);
}

/** The file's rows as records: time columns (`read.timeColumns`) as unix seconds, an empty time as null. */
function typedRows(stream: string, file: ContentCsv, read: ExportJobRead): JsonRecord[] {
  const [header, ...rows] = file.rows;
  if (!header || !header.includes(read.key)) {
    throw new MalformedPageError(stream, `${file.name} has no ${read.key} column (its header: ${(header ?? []).join(",")})`);
  }
  const times = new Set(read.timeColumns);
  return rows.map((row) => {
    const record: JsonRecord = {};
    header.forEach((column, index) => {
      const cell = row[index] ?? "";
      if (!times.has(column)) record[column] = cell;
      else if (cell === "") record[column] = null;
      else if (/^\d+$/.test(cell)) record[column] = Number(cell);
      else throw new MalformedPageError(stream, `${file.name}: ${column} is ${JSON.stringify(cell)}, not a unix time`);
    });
    return record;
  });
}
