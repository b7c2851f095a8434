/**
 * The content export's download: gzipped CSV, zip of CSVs (stored or deflated entries, streamed from the file it
 * was spooled to, which is removed on close), or the zip gzipped; damage is an error.
 */
import { expect, test } from "bun:test";
import { type ContentFiles, contentFiles, statisticOf } from "../../src/engine/content-export/content-file.ts";
import { crc32, entryContent, zipEntries } from "../../src/engine/content-export/zip.ts";
import { zipFiles } from "../../src/fake/content-export/zip-writer.ts";
import { runtime } from "../../src/runtime/mod.ts";

const RECEIPTS = 'receipt_id,content_title\r\n1,"Hello, ""world"""\r\n2,"two\nlines"\r\n';
const gzip = async (bytes: Uint8Array) =>
  new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());

const streamOf = (bytes: Uint8Array) => new Blob([bytes as BlobPart]).stream();
const spooled: string[] = [];
const spool = async () => {
  const file = await runtime.createTempFile();
  spooled.push(file.path);
  return file;
};

/** Each file's statistic, name and rows, read in full; then closed. */
async function readAll(download: ContentFiles) {
  const out = [];
  for (const file of download.files) out.push({ statistic: file.statistic, name: file.name, rows: await Array.fromAsync(file.records()) });
  await download.close();
  return out;
}

test("a gzipped CSV is the receipts file, parsed as it comes, nothing spooled", async () => {
  spooled.length = 0;
  const files = await readAll(await contentFiles(streamOf(await gzip(new TextEncoder().encode(`\uFEFF${RECEIPTS}`))), spool));
  expect(files).toEqual([{
    statistic: "receipts",
    name: "(gzipped CSV)",
    rows: [["receipt_id", "content_title"], ["1", 'Hello, "world"'], ["2", "two\nlines"]],
  }]);
  expect(spooled).toEqual([]);
});

test("a zip of CSVs, deflated and stored entries, and the same zip gzipped", async () => {
  const zip = await zipFiles([
    { name: "receipts_20260101_120000.csv", text: RECEIPTS },
    { name: "opens_20260101_120000.csv", text: "receipt_id,created_at\r\n1,1700000000\r\n", store: true },
    { name: "README.txt", text: "not a csv" },
  ]);
  for (const bytes of [zip, await gzip(zip)]) {
    spooled.length = 0;
    const files = await readAll(await contentFiles(streamOf(bytes), spool));
    expect(files.map((file) => [file.statistic, file.rows.length])).toEqual([["receipts", 3], ["opens", 2]]);
    expect(files[0]!.rows[2]).toEqual(["2", "two\nlines"]);
    // Spooled to a temporary file, gone once closed.
    expect(spooled.length).toBe(1);
    expect(await runtime.fileExists(spooled[0]!)).toBe(false);
  }
});

test("a damaged entry fails its CRC-32; bytes that are no archive and no gzip are read as a CSV", async () => {
  const zip = await zipFiles([{ name: "receipts.csv", text: RECEIPTS, store: true }]);
  const damaged = zip.slice();
  const at = 30 + "receipts.csv".length + 3;
  damaged[at] = damaged[at]! ^ 0xff;
  const inMemory = (bytes: Uint8Array) => ({ length: bytes.length, read: async (at: number, n: number) => bytes.slice(at, at + n) });
  const [entry] = await zipEntries(inMemory(damaged));
  await expect(new Response(await entryContent(inMemory(damaged), entry!)).arrayBuffer()).rejects.toThrow("fails its CRC-32 check");
  expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  await expect(zipEntries(inMemory(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0])))).rejects.toThrow("no end of central directory");
  const notZip = await readAll(await contentFiles(streamOf(new TextEncoder().encode("receipt_id\r\n7\r\n")), spool));
  expect(notZip).toEqual([{ statistic: "receipts", name: "(gzipped CSV)", rows: [["receipt_id"], ["7"]] }]);
});

test("a file's statistic is its name without folder, timestamp and extension", () => {
  expect(statisticOf("export/series_completions_20260101_120000.csv")).toBe("series_completions");
  expect(statisticOf("Receipts.CSV")).toBe("receipts");
});
