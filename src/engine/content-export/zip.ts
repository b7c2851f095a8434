/**
 * The files of a zip archive, for the Content Data Export: documented as a gzipped CSV, while clients in the wild
 * receive a zip of CSV files (receipts_…csv and one file per statistic). Reads the central directory and inflates
 * each entry with the web-standard DecompressionStream("deflate-raw"), so it runs under Bun, Deno and Node with no
 * dependency (fflate would be the package of choice; none can be installed here). Stored (0) and deflated (8)
 * entries; each entry's CRC-32 is checked, so a damaged archive is an error, never short data. No ZIP64: a content
 * export is at most 10 million rows, and an archive past 4 GiB is refused by name.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

/** Whether `bytes` start as a zip archive does ("PK\x03\x04"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL;
}

/** Every file of the archive (folders left out), in the central directory's order. */
export async function unzip(bytes: Uint8Array): Promise<ZipEntry[]> {
  const end = findEndOfCentralDirectory(bytes);
  const count = readU16(bytes, end + 10);
  let at = readU32(bytes, end + 16);
  if (at === 0xffffffff || count === 0xffff) throw new Error("a ZIP64 archive (over 4 GiB or 65,535 files) is not supported");
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (readU32(bytes, at) !== CENTRAL) throw new Error(`zip central directory entry ${i} is damaged`);
    const method = readU16(bytes, at + 10);
    const crc = readU32(bytes, at + 16);
    const compressedSize = readU32(bytes, at + 20);
    const nameLength = readU16(bytes, at + 28);
    const extraLength = readU16(bytes, at + 30);
    const commentLength = readU16(bytes, at + 32);
    const localAt = readU32(bytes, at + 42);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/")) continue;
    if (readU32(bytes, localAt) !== LOCAL) throw new Error(`zip entry ${name}: its local header is damaged`);
    const dataAt = localAt + 30 + readU16(bytes, localAt + 26) + readU16(bytes, localAt + 28);
    const stored = bytes.subarray(dataAt, dataAt + compressedSize);
    if (stored.length !== compressedSize) throw new Error(`zip entry ${name} is cut short`);
    const content = method === 0 ? stored : method === 8 ? await inflateRaw(stored) : undefined;
    if (content === undefined) throw new Error(`zip entry ${name} uses compression method ${method} (only stored and deflate are read)`);
    if (crc32(content) !== crc) throw new Error(`zip entry ${name} fails its CRC-32 check`);
    entries.push({ name, bytes: content });
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  // The record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 65_535); at--) {
    if (readU32(bytes, at) === EOCD) return at;
  }
  throw new Error("not a zip archive (no end of central directory)");
}

async function inflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(
    new DecompressionStream("deflate-raw") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function readU16(bytes: Uint8Array, at: number): number {
  return (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
}

function readU32(bytes: Uint8Array, at: number): number {
  return (readU16(bytes, at) | (readU16(bytes, at + 2) << 16)) >>> 0;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE), as zip and gzip check their contents. */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
