/**
 * A stream read by an export job (ExportJobRead: the Content Data Export's receipts). One job a run, for the send
 * times from the cursor moved back by the read's lookback (a receipt's first open, click or reply is counted only
 * inside the job's window, so recent receipts are exported again as those settle) to the run's bound; the records
 * are the rows of the download's file of the read's statistic, typed (unix-time columns as integers, empty as
 * null), handed to the output `rowsPerWrite` at a time as the download is read (staged: they appear together
 * with the last chunk), so memory stays constant whatever the download's size. The job is recorded in the
 * stream's state before it is polled (held-jobs.ts): the run after a killed one re-uses it when it exports from
 * the same start and is young enough, and exports up to that job's end (the killed run's bound). The cursor moves
 * to the job's end only with the rows written, dropping the held job with them; a job that fails every attempt
 * moves nothing.
 */
import { realClock } from "../../http/clock.ts";
import { runtime } from "../../runtime/mod.ts";
import type { ExportJobRead, JsonRecord } from "../../streams/types.ts";
import { completePass, type Pass, type PassContext } from "../pass.ts";
import { heldJobs, resumableJob, REUSE_MAX_AGE_MS, withJobHeld } from "../reports/held-jobs.ts";
import { DOWNLOAD_IDLE_MS, withIdleLimit } from "../reports/report-file.ts";
import { DEFAULT_REPORT_JOB_SETTINGS } from "../reports/report-job.ts";
import { REPORT_DEFAULTS } from "../reports/report-settings.ts";
import { type ContentCsv, type ContentFiles, contentFiles } from "./content-file.ts";
import { CONTENT_EXPORT_DATASET, runContentJob } from "./content-job.ts";
import { MalformedPageError } from "../../errors.ts";

export async function runExportJobPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const read = root.read as ExportJobRead;
  const saved = context.store.get(root.name);
  const cursor = context.options.fullRefresh ? undefined : saved?.cursor;
  const start = cursor === undefined ? (context.options.since ?? 0) : Math.max(0, cursor - context.options.lookbackDays * 86_400 - read.lookback);
  // The run reads nothing at or after its bound.
  if (context.bound <= start) return await completePass(context, pass, cursor);
  const { rowsPerWrite = REPORT_DEFAULTS.rowsPerWrite, ...jobSettings } = context.options.exportJobs ?? {};
  // The job a killed run left, as this run found it.
  const earlier = heldJobs(saved);
  const download = await runContentJob({ start, end: context.bound }, {
    client: context.client,
    paths: { jobs: read.path, download: read.download },
    stream: root.name,
    clock: realClock,
    settings: { ...DEFAULT_REPORT_JOB_SETTINGS, ...jobSettings },
    signal: context.signal,
    log: (message) => context.onHttpEvent?.({ kind: "report-job", message }),
    held: {
      resumable: (from) =>
        resumableJob(earlier, { datasetId: CONTENT_EXPORT_DATASET, attributeIds: [], start: from }, realClock.now(), REUSE_MAX_AGE_MS),
      record: (job) =>
        context.commit(pass, [], {
          apply: () => ({ reportJobs: withJobHeld(heldJobs(context.store.get(root.name)), job, REUSE_MAX_AGE_MS) }),
          undo() {},
        }),
    },
  });
  // Written, the job is needed no more; the cursor moves to the end of what it exported (a re-used job's end is
  // the killed run's bound, before this run's).
  const done = new Map([[root.name, { reportJobs: undefined }]]);
  if (!download.response) return await completePass(context, pass, download.window.end, [], done);
  let files: ContentFiles;
  try {
    files = await contentFiles(withIdleLimit(download.response.body ?? new ReadableStream(), DOWNLOAD_IDLE_MS), runtime.createTempFile);
  } catch (error) {
    throw malformed(root.name, download.jobId, error);
  }
  try {
    const mine = files.files.find((file) => file.statistic === read.statistic);
    const others = files.files.filter((file) => file !== mine).map((file) => file.name);
    if (others.length > 0) {
      context.warn(
        root.name,
        `the export's download also holds ${
          others.join(", ")
        }: ${root.name} takes ${read.statistic} only (each receipt carries its statistics' first times)`,
      );
    }
    if (files.files.length > 0 && !mine) {
      throw new MalformedPageError(
        root.name,
        `the download of export job ${download.jobId} holds no ${read.statistic} file (it holds ${others.join(", ")})`,
      );
    }
    let chunk: JsonRecord[] = [];
    if (mine) {
      // At most rowsPerWrite rows held: each chunk is staged (written with the last one, never before). A full
      // chunk is staged only once another row follows: the last is never empty, and an output writes the staged
      // rows only beside it (all of them were lost when the rows were a multiple of rowsPerWrite).
      for await (const record of typedRows(root.name, download.jobId, mine, read)) {
        if (chunk.length >= rowsPerWrite) {
          await context.commit(pass, [{ stream: root.name, records: chunk, staged: true }]);
          chunk = [];
        }
        chunk.push(record);
      }
    }
    await completePass(context, pass, download.window.end, chunk.length > 0 ? [{ stream: root.name, records: chunk }] : [], done);
  } finally {
    await files.close();
  }
}

function malformed(stream: string, jobId: string, error: unknown): MalformedPageError {
  if (error instanceof MalformedPageError) return error;
  return new MalformedPageError(
    stream,
    `the download of export job ${jobId} could not be read as a gzipped CSV or a zip of CSV files (${
      error instanceof Error ? error.message : String(error)
    }); run the sync again to export that window again`,
  );
}

/** The file's rows as records: time columns (`read.timeColumns`) as unix seconds, an empty time as null. */
async function* typedRows(stream: string, jobId: string, file: ContentCsv, read: ExportJobRead): AsyncGenerator<JsonRecord> {
  const times = new Set(read.timeColumns);
  let header: string[] | undefined;
  const rows = file.records();
  for (;;) {
    let next: IteratorResult<string[]>;
    try {
      next = await rows.next();
    } catch (error) {
      throw malformed(stream, jobId, error);
    }
    if (next.done) break;
    const row = next.value;
    if (!header) {
      header = row;
      if (!header.includes(read.key)) {
        throw new MalformedPageError(stream, `${file.name} has no ${read.key} column (its header: ${header.join(",")})`);
      }
      continue;
    }
    const record: JsonRecord = {};
    header.forEach((column, index) => {
      const cell = row[index] ?? "";
      if (!times.has(column)) record[column] = cell;
      else if (cell === "") record[column] = null;
      else if (/^\d+$/.test(cell)) record[column] = Number(cell);
      else throw new MalformedPageError(stream, `${file.name}: ${column} is ${JSON.stringify(cell)}, not a unix time`);
    });
    yield record;
  }
  if (!header) throw new MalformedPageError(stream, `${file.name} of export job ${jobId} is empty (not even a header)`);
}
