/**
 * JSON lines on stdout: `{"stream":"<name>","data":{...}}` per record. A page is one write, awaited, so a
 * slow reader (`| gzip`) slows the sync instead of growing memory, and lines of concurrent streams never mix.
 */
import type { JsonRecord, Sink } from "./types.ts";

export function createJsonlSink(output: WritableStream<Uint8Array>): Sink {
  const writer = output.getWriter();
  const encoder = new TextEncoder();
  let queue: Promise<void> = Promise.resolve();
  return {
    async open() {},
    write(stream, records: readonly JsonRecord[]) {
      if (records.length === 0) return Promise.resolve();
      const prefix = `{"stream":${JSON.stringify(stream)},"data":`;
      let text = "";
      for (const record of records) text += `${prefix}${JSON.stringify(record)}}\n`;
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
