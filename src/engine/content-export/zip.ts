/**
 * The files of a zip archive, for the Content Data Export: documented as a gzipped CSV, while clients in the wild
 * receive a zip of CSV files (receipts_…csv and one file per statistic). A zip's table of contents (the central
 * directory) is at its end, and a streaming writer leaves an entry's sizes out of its local header, so the archive
 * is read from a file it was spooled to: the central directory first, then each entry streamed from its bytes in
 * the file through the web-standard DecompressionStream("deflate-raw") (Bun, Deno and Node; no dependency).
 * Stored (0) and deflated (8) entries; each entry's CRC-32 and size are checked as it ends, so a damaged archive is
 * an error, never short data. No ZIP64: a content export is at most 10 million rows, and an archive past 4 GiB is
 * refused by name.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
/** Bytes read from the file at a time: memory per entry stays this, whatever the entry's size. */
const CHUNK = 64 * 1024;

/** Where an archive's bytes are: a file read at positions. */
export interface RandomAccess {
  readonly length: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

export interface ZipEntry {
  name: string;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  localAt: number;
}

/** Whether `bytes` start as a zip archive does ("PK\x03\x04"). */
export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && readU32(bytes, 0) === LOCAL;
}

/** Every file of the archive (folders left out), in the central directory's order. */
export async function zipEntries(file: RandomAccess): Promise<ZipEntry[]> {
  // The end record is 22 bytes and may be followed by a comment of up to 65,535 bytes.
  const tailAt = Math.max(0, file.length - 22 - 65_535);
  const tail = await file.read(tailAt, file.length - tailAt);
  const end = findEndOfCentralDirectory(tail);
  const count = readU16(tail, end + 10);
  const size = readU32(tail, end + 12);
  const offset = readU32(tail, end + 16);
  if (offset === 0xffffffff || count === 0xffff) throw new Error("a ZIP64 archive (over 4 GiB or 65,535 files) is not supported");
  const directory = await file.read(offset, size);
  const entries: ZipEntry[] = [];
  let at = 0;
  for (let i = 0; i < count; i++) {
    if (readU32(directory, at) !== CENTRAL) throw new Error(`zip central directory entry ${i} is damaged`);
    const nameLength = readU16(directory, at + 28);
    const entry: ZipEntry = {
      name: new TextDecoder().decode(directory.subarray(at + 46, at + 46 + nameLength)),
      method: readU16(directory, at + 10),
      crc: readU32(directory, at + 16),
      compressedSize: readU32(directory, at + 20),
      size: readU32(directory, at + 24),
      localAt: readU32(directory, at + 42),
    };
    at += 46 + nameLength + readU16(directory, at + 30) + readU16(directory, at + 32);
    if (!entry.name.endsWith("/")) entries.push(entry);
  }
  return entries;
}

/** An entry's content, read from the file a chunk at a time; errors when it fails its CRC-32 or size. */
export async function entryContent(file: RandomAccess, entry: ZipEntry): Promise<ReadableStream<Uint8Array>> {
  const local = await file.read(entry.localAt, 30);
  if (readU32(local, 0) !== LOCAL) throw new Error(`zip entry ${entry.name}: its local header is damaged`);
  if (entry.method !== 0 && entry.method !== 8) {
    throw new Error(`zip entry ${entry.name} uses compression method ${entry.method} (only stored and deflate are read)`);
  }
  const dataAt = entry.localAt + 30 + readU16(local, 26) + readU16(local, 28);
  let read = 0;
  const stored = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (read >= entry.compressedSize) return controller.close();
      const bytes = await file.read(dataAt + read, Math.min(CHUNK, entry.compressedSize - read));
      if (bytes.length === 0) return controller.error(new Error(`zip entry ${entry.name} is cut short`));
      read += bytes.length;
      controller.enqueue(bytes);
    },
  });
  const content = entry.method === 0
    ? stored
    : stored.pipeThrough(new DecompressionStream("deflate-raw") as unknown as TransformStream<Uint8Array, Uint8Array>);
  return content.pipeThrough(checked(entry));
}

/** Passes the bytes on, counting their CRC-32 and size, and fails at the end when either is not the entry's. */
function checked(entry: ZipEntry): TransformStream<Uint8Array, Uint8Array> {
  let crc = 0xffffffff;
  let size = 0;
  return new TransformStream({
    transform(bytes, controller) {
      crc = crc32Update(crc, bytes);
      size += bytes.length;
      controller.enqueue(bytes);
    },
    flush() {
      if (size !== entry.size) throw new Error(`zip entry ${entry.name} is ${size} bytes, its directory says ${entry.size}`);
      if (((crc ^ 0xffffffff) >>> 0) !== entry.crc) throw new Error(`zip entry ${entry.name} fails its CRC-32 check`);
    },
  });
}

function findEndOfCentralDirectory(tail: Uint8Array): number {
  for (let at = tail.length - 22; at >= 0; at--) {
    if (readU32(tail, at) === EOCD) return at;
  }
  throw new Error("not a zip archive (no end of central directory)");
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

function crc32Update(crc: number, bytes: Uint8Array): number {
  for (const byte of bytes) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return crc;
}

/** CRC-32 (IEEE), as zip and gzip check their contents. */
export function crc32(bytes: Uint8Array): number {
  return (crc32Update(0xffffffff, bytes) ^ 0xffffffff) >>> 0;
}
