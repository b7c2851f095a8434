/**
 * A reporting export's download as CSV records, streamed: gzip undone when the bytes are gzip (Intercom
 * announces it with Content-Encoding only sometimes, and fetch undoes it then), RFC 4180 parsed by csv-parse
 * (quotes, embedded line breaks, a leading BOM), one record at a time, so memory stays constant whatever the
 * file's size. A file that does not decompress or parse is a MalformedPageError naming the job: never a
 * silently short stream.
 */
import { parse } from "csv-parse/stream";
import { MalformedPageError } from "../../errors.ts";

/** A download that sends no byte for this long is given up: its headers came in time, its body stalled. */
export const DOWNLOAD_IDLE_MS = 120_000;

/** The header first, then every record, as text cells. */
export async function* reportRecords(
  body: ReadableStream<Uint8Array>,
  stream: string,
  jobId: string,
  idleMs = DOWNLOAD_IDLE_MS,
): AsyncGenerator<string[]> {
  let records: ReadableStream<string[]>;
  try {
    records = csvRecords(await plainBytes(withIdleLimit(body, idleMs)));
  } catch (error) {
    throw malformed(stream, jobId, error);
  }
  const reader = records.getReader();
  try {
    for (;;) {
      const next = await reader.read().catch((error: unknown) => {
        throw malformed(stream, jobId, error);
      });
      if (next.done) return;
      yield next.value;
    }
  } finally {
    reader.releaseLock();
  }
}

/** RFC 4180 records (quotes, embedded line breaks, a leading BOM) of CSV bytes, parsed as they come. */
export function csvRecords(bytes: ReadableStream<Uint8Array>): ReadableStream<string[]> {
  const csv = parse({ bom: true, relax_column_count: false, skip_empty_lines: true });
  return bytes.pipeThrough(csv as TransformStream<Uint8Array, string[]>);
}

function malformed(stream: string, jobId: string, error: unknown): MalformedPageError {
  const detail = error instanceof Error ? error.message : String(error);
  return new MalformedPageError(
    stream,
    `the reporting export file of job ${jobId} is not a readable gzip-compressed CSV (${detail}); run the sync again to export that window again`,
  );
}

/** `body`, failing once no chunk has come for `idleMs`. */
export function withIdleLimit(body: ReadableStream<Uint8Array>, idleMs: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stalled = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the download sent nothing for ${Math.round(idleMs / 1000)}s`)), idleMs);
      });
      try {
        const next = await Promise.race([reader.read(), stalled]);
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        reader.cancel(error).catch(() => {});
        controller.error(error);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}

/** The bytes, gunzipped when they start with gzip's magic number (1f 8b). */
export async function plainBytes(body: ReadableStream<Uint8Array>): Promise<ReadableStream<Uint8Array>> {
  const { head, bytes } = await peekBytes(body, 2);
  const gzip = head[0] === 0x1f && head[1] === 0x8b;
  return gzip ? bytes.pipeThrough(new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>) : bytes;
}

/** The first `count` bytes of `body` (fewer when it is shorter), and `bytes`: all of it, the head included, to read on. */
export async function peekBytes(body: ReadableStream<Uint8Array>, count: number): Promise<{ head: Uint8Array; bytes: ReadableStream<Uint8Array> }> {
  const reader = body.getReader();
  let first = await reader.read();
  // A first chunk shorter than `count` cannot say; read on until they are there.
  let head = first.done ? new Uint8Array(0) : first.value;
  while (head.length < count && !first.done) {
    first = await reader.read();
    if (!first.done) head = concat(head, first.value);
  }
  const ended = first.done;
  const bytes = new ReadableStream<Uint8Array>({
    start(controller) {
      if (head.length > 0) controller.enqueue(head);
      if (ended) controller.close();
    },
    async pull(controller) {
      const next = await reader.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { head: head.subarray(0, count), bytes };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
