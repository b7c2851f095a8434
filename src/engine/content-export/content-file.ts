/**
 * A Content Data Export download as CSV files, read in constant memory whatever its size (Intercom caps a job at
 * 10 million rows): the description documents one gzipped CSV (the receipts), while clients in the wild receive
 * a zip of CSV files (`receipts_YYYYMMDD_hhmmss.csv` and one file per statistic), and Intercom's older docs speak
 * of "a gzipped folder". All three are accepted, told apart by their first bytes, not by the headers. A gzipped
 * CSV is gunzipped and parsed as it downloads (as the reporting export's file is: reports/report-file.ts). A zip's
 * table of contents is at its end and a streaming writer leaves the sizes out of the entries' headers, so a zip is
 * spooled to a temporary file first (disk, not memory), then each entry is streamed from it (zip.ts). Each file is
 * parsed by csv-parse (RFC 4180, a leading BOM), one record at a time.
 */
import type { AppendFile } from "../../runtime/types.ts";
import { csvRecords, peekBytes, plainBytes } from "../reports/report-file.ts";
import { entryContent, isZip, zipEntries } from "./zip.ts";

export interface ContentCsv {
  /** The statistic the file holds, from its name: "receipts" for receipts_20260101_120000.csv and for a lone CSV. */
  statistic: string;
  /** The file's name in the archive, or "(gzipped CSV)". */
  name: string;
  /** The header, then the records, as text cells, read as they are asked for. Read once. */
  records(): AsyncGenerator<string[]>;
}

export interface ContentFiles {
  files: ContentCsv[];
  /** Removes the spooled file, if any. */
  close(): Promise<void>;
}

/** The download's CSV files; `spool` makes the temporary file a zip is written to (runtime.createTempFile). */
export async function contentFiles(body: ReadableStream<Uint8Array>, spool: () => Promise<AppendFile>): Promise<ContentFiles> {
  const { head, bytes } = await peekBytes(await plainBytes(body), 4);
  if (!isZip(head)) {
    return { files: [{ statistic: "receipts", name: "(gzipped CSV)", records: () => recordsOf(bytes) }], close: async () => {} };
  }
  const file = await spool();
  try {
    const reader = bytes.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) await file.append(next.value);
    const entries = (await zipEntries(file)).filter((entry) => entry.name.toLowerCase().endsWith(".csv"));
    const files = entries.map((entry): ContentCsv => ({
      statistic: statisticOf(entry.name),
      name: entry.name,
      records: async function* () {
        yield* recordsOf(await entryContent(file, entry));
      },
    }));
    return { files, close: () => file.close() };
  } catch (error) {
    await file.close();
    throw error;
  }
}

/** "exports/receipts_20260101_120000.csv" → "receipts"; "series_completions_….csv" → "series_completions". */
export function statisticOf(name: string): string {
  const base = name.split("/").pop()!.replace(/\.csv$/i, "");
  return base.replace(/_\d{8}_\d{6}$/, "").toLowerCase();
}

async function* recordsOf(bytes: ReadableStream<Uint8Array>): AsyncGenerator<string[]> {
  const reader = csvRecords(bytes).getReader();
  try {
    for (;;) {
      const next = await reader.read();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}
