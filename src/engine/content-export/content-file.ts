/**
 * A Content Data Export download as CSV files: the description documents one gzipped CSV (the receipts), while
 * clients in the wild receive a zip of CSV files (`receipts_YYYYMMDD_hhmmss.csv` and one file per statistic), and
 * Intercom's older docs speak of "a gzipped folder". All three are accepted, told apart by their first bytes, not by
 * the headers. Each file is parsed by csv-parse (RFC 4180, a leading BOM). The download is held in memory: a job
 * covers at most the run's window, and Intercom caps a job at 10 million rows.
 */
import { parse } from "csv-parse/sync";
import { isZip, unzip } from "./zip.ts";

export interface ContentCsv {
  /** The statistic the file holds, from its name: "receipts" for receipts_20260101_120000.csv and for a lone CSV. */
  statistic: string;
  /** The file's name in the archive, or "(gzipped CSV)". */
  name: string;
  /** The header, then the records, as text cells. */
  rows: string[][];
}

export async function contentFiles(bytes: Uint8Array): Promise<ContentCsv[]> {
  const plain = isGzip(bytes) ? await gunzip(bytes) : bytes;
  if (isZip(plain)) {
    const entries = (await unzip(plain)).filter((entry) => entry.name.toLowerCase().endsWith(".csv"));
    return entries.map((entry) => ({ statistic: statisticOf(entry.name), name: entry.name, rows: parseCsv(entry.bytes) }));
  }
  return [{ statistic: "receipts", name: "(gzipped CSV)", rows: parseCsv(plain) }];
}

/** "exports/receipts_20260101_120000.csv" → "receipts"; "series_completions_….csv" → "series_completions". */
export function statisticOf(name: string): string {
  const base = name.split("/").pop()!.replace(/\.csv$/i, "");
  return base.replace(/_\d{8}_\d{6}$/, "").toLowerCase();
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function parseCsv(bytes: Uint8Array): string[][] {
  return parse(new TextDecoder().decode(bytes), { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
}
