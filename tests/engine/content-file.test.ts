/** The content export's download: gzipped CSV, zip of CSVs (stored or deflated entries), or the zip gzipped; damage is an error. */
import { expect, test } from "bun:test";
import { contentFiles, statisticOf } from "../../src/engine/content-export/content-file.ts";
import { crc32, unzip } from "../../src/engine/content-export/zip.ts";
import { zipFiles } from "../../src/fake/content-export/zip-writer.ts";

const RECEIPTS = 'receipt_id,content_title\r\n1,"Hello, ""world"""\r\n2,"two\nlines"\r\n';
const gzip = async (bytes: Uint8Array) =>
  new Uint8Array(await new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());

test("a gzipped CSV is the receipts file", async () => {
  const files = await contentFiles(await gzip(new TextEncoder().encode(`\uFEFF${RECEIPTS}`)));
  expect(files).toEqual([{
    statistic: "receipts",
    name: "(gzipped CSV)",
    rows: [["receipt_id", "content_title"], ["1", 'Hello, "world"'], ["2", "two\nlines"]],
  }]);
});

test("a zip of CSVs, deflated and stored entries, and the same zip gzipped", async () => {
  const zip = await zipFiles([
    { name: "receipts_20260101_120000.csv", text: RECEIPTS },
    { name: "opens_20260101_120000.csv", text: "receipt_id,created_at\r\n1,1700000000\r\n", store: true },
    { name: "README.txt", text: "not a csv" },
  ]);
  for (const bytes of [zip, await gzip(zip)]) {
    const files = await contentFiles(bytes);
    expect(files.map((file) => [file.statistic, file.rows.length])).toEqual([["receipts", 3], ["opens", 2]]);
    expect(files[0]!.rows[2]).toEqual(["2", "two\nlines"]);
  }
});

test("a damaged entry fails its CRC-32; bytes that are no archive and no gzip are read as a CSV", async () => {
  const zip = await zipFiles([{ name: "receipts.csv", text: RECEIPTS, store: true }]);
  const damaged = zip.slice();
  const at = 30 + "receipts.csv".length + 3;
  damaged[at] = damaged[at]! ^ 0xff;
  await expect(unzip(damaged)).rejects.toThrow("fails its CRC-32 check");
  expect(crc32(new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  await expect(unzip(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).rejects.toThrow("no end of central directory");
});

test("a file's statistic is its name without folder, timestamp and extension", () => {
  expect(statisticOf("export/series_completions_20260101_120000.csv")).toBe("series_completions");
  expect(statisticOf("Receipts.CSV")).toBe("receipts");
});
