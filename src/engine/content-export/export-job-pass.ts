/**
 * A stream read by an export job (ExportJobRead: the Content Data Export's receipts), and the streams that read
 * the other files of its download (ExportFileRead: content_events), all from one job a run (Intercom allows one
 * per workspace). The job asks for the send times from the cursor moved back by the read's lookback (a receipt's
 * first open, click or reply is counted only inside the job's window, so recent receipts are exported again as
 * those settle) to the run's bound; the records are the rows of the download's file of the read's statistic,
 * typed (unix-time columns as integers, empty as null), and for content_events the rows of every other file
 * (content-events.ts). They are handed to the output `rowsPerWrite` at a time per stream as the download is read
 * (staged: they appear together with the last chunk), so memory stays constant whatever the download's size. The
 * job is recorded in the pass's state before it is polled (held-jobs.ts): the run after a killed one re-uses it
 * when it exports from the same start and is young enough, and exports up to that job's end (the killed run's
 * bound). The cursor moves to the job's end only with the rows written, dropping the held job with them; a job
 * that fails every attempt moves nothing.
 */
import { realClock } from "../../http/clock.ts";
import { runtime } from "../../runtime/mod.ts";
import type { Page } from "../../sinks/types.ts";
import type { ExportFileRead, ExportJobRead, JsonRecord, StreamDefinition } from "../../streams/types.ts";
import { completePass, type Pass, type PassContext } from "../pass.ts";
import { heldJobs, resumableJob, REUSE_MAX_AGE_MS, withJobHeld } from "../reports/held-jobs.ts";
import { DOWNLOAD_IDLE_MS, withIdleLimit } from "../reports/report-file.ts";
import { DEFAULT_REPORT_JOB_SETTINGS } from "../reports/report-job.ts";
import { REPORT_DEFAULTS } from "../reports/report-settings.ts";
import { type ContentCsv, type ContentFiles, contentFiles } from "./content-file.ts";
import { CONTENT_EXPORT_DATASET, runContentJob } from "./content-job.ts";
import { eventRecords } from "./content-events.ts";
import { EventRowError, MalformedPageError } from "../../errors.ts";

export async function runExportJobPass(context: PassContext, pass: Pass): Promise<void> {
  const { root } = pass;
  const read = root.read as ExportJobRead;
  // Every stream of the pass is exported from where the one furthest behind stands (one newly selected: from the start).
  const cursors = pass.streams.map((stream) => context.store.get(stream)?.cursor);
  const cursor = context.options.fullRefresh || cursors.includes(undefined) ? undefined : Math.min(...(cursors as number[]));
  const start = cursor === undefined ? (context.options.since ?? 0) : Math.max(0, cursor - context.options.lookbackDays * 86_400 - read.lookback);
  // The run reads nothing at or after its bound.
  if (context.bound <= start) return await completePass(context, pass, cursor);
  const { rowsPerWrite = REPORT_DEFAULTS.rowsPerWrite, ...jobSettings } = context.options.exportJobs ?? {};
  // The job a killed run left, as this run found it (recorded for every stream of its pass).
  const earlier = pass.streams.flatMap((stream) => heldJobs(context.store.get(stream)));
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
          apply: () => ({ reportJobs: withJobHeld(heldJobs(context.store.get(pass.streams[0]!)), job, REUSE_MAX_AGE_MS) }),
          undo() {},
        }),
    },
  });
  // Written, the job is needed no more; the cursor moves to the end of what it exported (a re-used job's end is
  // the killed run's bound, before this run's).
  const done = new Map(pass.streams.map((stream) => [stream, { reportJobs: undefined }]));
  if (!download.response) return await completePass(context, pass, download.window.end, [], done);
  let files: ContentFiles;
  try {
    files = await contentFiles(withIdleLimit(download.response.body ?? new ReadableStream(), DOWNLOAD_IDLE_MS), runtime.createTempFile);
  } catch (error) {
    throw malformed(root.name, download.jobId, error);
  }
  try {
    const events = pass.children.find((child): child is StreamDefinition & { read: ExportFileRead } => child.read.kind === "export-file");
    const mine = files.files.find((file) => file.statistic === read.statistic);
    const others = files.files.filter((file) => file !== mine);
    if (others.length > 0 && !events) {
      context.warn(
        root.name,
        `the export's download also holds ${others.map((file) => file.name).join(", ")}: ${root.name} takes ${read.statistic} only ` +
          "(each receipt carries its statistics' first times; name content_events for every event)",
      );
    }
    if (files.files.length > 0 && !mine) {
      throw new MalformedPageError(
        root.name,
        `the download of export job ${download.jobId} holds no ${read.statistic} file (it holds ${others.map((file) => file.name).join(", ")})`,
      );
    }
    const chunks = stagedChunks((pages) => context.commit(pass, pages), rowsPerWrite);
    let receiptColumns: readonly string[] = [];
    if (mine) {
      const times = new Set(read.timeColumns);
      const rows = fileRows(root.name, download.jobId, mine, (header) => {
        if (!header.includes(read.key)) {
          throw new MalformedPageError(root.name, `${mine.name} has no ${read.key} column (its header: ${header.join(",")})`);
        }
        receiptColumns = header;
      });
      for await (const row of rows) {
        // Read for its header only when only the events are asked for.
        if (!pass.emitRoot) break;
        await chunks.add(root.name, receiptRecord(mine, receiptColumns, row, times, root.name));
      }
    }
    if (events) {
      if (mine && others.length === 0 && mine.name === "(gzipped CSV)") {
        context.warn(events.name, "the export's download is one gzipped CSV of the receipts: it holds no other statistic's events");
      }
      for (const file of others) {
        const problem = (error: unknown) =>
          error instanceof EventRowError
            ? new MalformedPageError(events.name, `${file.name} of export job ${download.jobId}: ${error.message}`)
            : error;
        let toRecord: (row: readonly string[]) => JsonRecord = () => ({});
        const rows = fileRows(events.name, download.jobId, file, (header) => {
          try {
            toRecord = eventRecords(file.statistic, header, receiptColumns, events.read.key);
          } catch (error) {
            throw problem(error);
          }
        });
        for await (const row of rows) {
          let record: JsonRecord;
          try {
            record = toRecord(row);
          } catch (error) {
            throw problem(error);
          }
          await chunks.add(events.name, record);
        }
      }
    }
    await completePass(context, pass, download.window.end, chunks.last(), done);
  } finally {
    await files.close();
  }
}

/**
 * Rows handed to the output at most `size` at a time per stream, staged; the last chunk of each stream is held
 * back for the pass's progress. A full chunk is staged only once another row follows, so the last is never empty:
 * an output writes the staged rows only beside it (all were lost when the rows were a multiple of rowsPerWrite).
 */
function stagedChunks(commit: (pages: Page[]) => Promise<void>, size: number) {
  const chunks = new Map<string, JsonRecord[]>();
  return {
    async add(stream: string, record: JsonRecord): Promise<void> {
      let chunk = chunks.get(stream) ?? [];
      if (chunk.length >= size) {
        await commit([{ stream, records: chunk, staged: true }]);
        chunk = [];
      }
      chunk.push(record);
      chunks.set(stream, chunk);
    },
    last(): Page[] {
      return [...chunks].map(([stream, records]) => ({ stream, records }));
    },
  };
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

/** A file's rows after its header, which goes to `onHeader` first; a file without even a header is malformed. */
async function* fileRows(stream: string, jobId: string, file: ContentCsv, onHeader: (header: string[]) => void): AsyncGenerator<string[]> {
  let header: string[] | undefined;
  const rows = file.records();
  try {
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await rows.next();
      } catch (error) {
        throw malformed(stream, jobId, error);
      }
      if (next.done) break;
      if (header) {
        yield next.value;
        continue;
      }
      header = next.value;
      onHeader(header);
    }
  } finally {
    await rows.return(undefined);
  }
  if (!header) throw new MalformedPageError(stream, `${file.name} of export job ${jobId} is empty (not even a header)`);
}

/** A receipts row as a record: time columns (`read.timeColumns`) as unix seconds, an empty time as null. */
function receiptRecord(file: ContentCsv, header: readonly string[], row: readonly string[], times: ReadonlySet<string>, stream: string): JsonRecord {
  const record: JsonRecord = {};
  header.forEach((column, index) => {
    const cell = row[index] ?? "";
    if (!times.has(column)) record[column] = cell;
    else if (cell === "") record[column] = null;
    else if (/^\d+$/.test(cell)) record[column] = Number(cell);
    else throw new MalformedPageError(stream, `${file.name}: ${column} is ${JSON.stringify(cell)}, not a unix time`);
  });
  return record;
}
