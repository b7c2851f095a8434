/**
 * What tells the `--output` file a state describes from any other file at the same path: the bytes the state
 * recorded. The state keeps the SHA-256 of the file's last TAIL_BYTES bytes up to the recorded length; a file
 * edited since (a line duplicated or removed, line ends converted) no longer ends there with the same bytes, so a
 * run refuses it instead of appending after a torn line. States written before the digest existed are checked
 * the weaker way their files allow: the recorded length must fall at the end of a line intercom-sync wrote.
 *
 * The bytes past the recorded length are judged too: a killed run leaves whole lines of its own and at most one
 * torn line, which the next run may cut; anything else is someone else's and must not be cut.
 *
 * @example
 * const tail = await tailDigest(file, state.output.length); // recorded with the length at each checkpoint
 * if (tail !== state.output.tail) refuse();
 */

/** How much of the file's end the digest covers: enough that an edit anywhere before it shifts what it sees. */
export const TAIL_BYTES = 4096;

/** What the identity checks read: the --output file, opened to append or to read. */
export interface ReadableBytes {
  readonly length: number;
  read(position: number, length: number): Promise<Uint8Array>;
}

const READ_CHUNK_BYTES = 4 * 1024 * 1024;
const NEWLINE = 0x0a;

/** SHA-256 (hex) of the TAIL_BYTES bytes before `length` (all of them when the file is shorter). */
export async function tailDigest(file: ReadableBytes, length: number): Promise<string> {
  const start = Math.max(0, length - TAIL_BYTES);
  const bytes = await readFully(file, start, length - start);
  // A copy on its own ArrayBuffer, which is what crypto.subtle takes.
  const hash = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(bytes)));
  return Array.from(hash, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * For a state that recorded no digest: whether `length` falls right after a whole line intercom-sync wrote (or
 * at the start of the file). Reads back from `length` to the start of that line.
 */
export async function endsWithOwnLine(file: ReadableBytes, length: number): Promise<boolean> {
  if (length === 0) return true;
  if (length > file.length) return false;
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let chunks: Uint8Array[] = [];
  let end = length - 1; // the newline that must close the last line
  const last = await readFully(file, end, 1);
  if (last[0] !== NEWLINE) return false;
  // Most lines are short: read back 64 KiB first, then more at a time.
  for (let size = 64 * 1024; end > 0; size = Math.min(size * 4, READ_CHUNK_BYTES)) {
    const start = Math.max(0, end - size);
    const chunk = await readFully(file, start, end - start);
    const newline = chunk.lastIndexOf(NEWLINE);
    chunks = [chunk.subarray(newline + 1), ...chunks];
    if (newline >= 0) break;
    end = start;
  }
  try {
    return isOwnLine(decoder.decode(concat(chunks)));
  } catch {
    return false; // not UTF-8
  }
}

/**
 * Whether the bytes from `from` to the file's end are what a killed run leaves: whole lines intercom-sync writes,
 * then at most one line cut short. Read a chunk at a time: a killed run may have left a large page.
 */
export async function isKilledRunTail(file: ReadableBytes, from: number): Promise<boolean> {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  let pending = "";
  for (let at = from; at < file.length; at += READ_CHUNK_BYTES) {
    const chunk = await readFully(file, at, Math.min(READ_CHUNK_BYTES, file.length - at));
    const lines = (pending + decoder.decode(chunk, { stream: true })).split("\n");
    pending = lines.pop()!;
    if (!lines.every(isOwnLine)) return false;
  }
  pending += decoder.decode();
  // A line cut short still starts as every line intercom-sync writes does.
  const start = '{"stream":';
  return pending.length <= start.length ? start.startsWith(pending) : pending.startsWith(start);
}

/** A JSON object naming its stream, as the sinks write it (no whitespace around): a record, a deletion, any kind. */
function isOwnLine(line: string): boolean {
  if (!line.startsWith('{"stream":') || !line.endsWith("}")) return false;
  try {
    const parsed = JSON.parse(line) as unknown;
    return typeof parsed === "object" && parsed !== null && typeof (parsed as { stream?: unknown }).stream === "string";
  } catch {
    return false;
  }
}

async function readFully(file: ReadableBytes, position: number, length: number): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let read = 0;
  while (read < length) {
    const part = await file.read(position + read, length - read);
    if (part.length === 0) break;
    parts.push(part);
    read += part.length;
  }
  return concat(parts);
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
