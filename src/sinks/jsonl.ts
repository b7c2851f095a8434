/**
 * JSON lines on stdout: `{"stream":"<name>","data":{...}}` per record, `{"stream":"<name>","deleted":{...}}` per
 * deletion. A page is one write, awaited, so a
 * slow reader (`| gzip`) slows the sync instead of growing memory, and lines of concurrent streams never mix.
 */
import { deletedFields, type Deletion, type JsonRecord, type Sink } from "./types.ts";

export function createJsonlSink(output: WritableStream<Uint8Array>): Sink {
  const writer = output.getWriter();
  const encoder = new TextEncoder();
  let queue: Promise<void> = Promise.resolve();
  return {
    async open() {},
    write(stream, records: readonly JsonRecord[], deletions: readonly Deletion[] = []) {
      if (records.length === 0 && deletions.length === 0) return Promise.resolve();
      const prefix = `{"stream":${JSON.stringify(stream)},"data":`;
      let text = "";
      for (const record of records) text += `${prefix}${JSON.stringify(record)}}\n`;
      text += deletionLines(stream, deletions);
      const bytes = encoder.encode(text);
      // Chain writes so pages reach stdout in the order they were handed over.
      queue = queue.then(() => writer.write(bytes));
      return queue;
    },
    async close() {
      try {
        await queue.catch(() => {}); // a failed write already failed its caller
      } finally {
        writer.releaseLock();
      }
    },
  };
}

/** One `{"stream","deleted":{…key,"deleted_at"}}` line per deletion: no `data`, so a reader of `.data` skips it. */
export function deletionLines(stream: string, deletions: readonly Deletion[]): string {
  let text = "";
  for (const deletion of deletions) text += `${JSON.stringify({ stream, deleted: deletedFields(deletion) })}\n`;
  return text;
}
