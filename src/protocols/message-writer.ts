/**
 * One JSON message per line on stdout, in the order handed over. Shared by the record sink and the state
 * emitter of a protocol run, so a STATE enqueued after a page of records always follows those records.
 * @example
 * const out = createMessageWriter(runtime.stdout());
 * await out.write([airbyteLogMessage("INFO", "hello")]);
 * await out.close();
 */

export interface MessageWriter {
  /** Resolves when the lines are written; lines of later calls never overtake earlier ones. */
  write(messages: readonly unknown[]): Promise<void>;
  /** Waits for pending lines and releases stdout. Later writes reject. */
  close(): Promise<void>;
}

export function createMessageWriter(output: WritableStream<Uint8Array>): MessageWriter {
  const writer = output.getWriter();
  const encoder = new TextEncoder();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  return {
    write(messages) {
      if (closed) return Promise.reject(new Error("protocol output is already closed"));
      if (messages.length === 0) return queue;
      let text = "";
      // JSON.stringify escapes newlines inside strings, so each message stays on one line.
      for (const message of messages) text += `${JSON.stringify(message)}\n`;
      const bytes = encoder.encode(text);
      queue = queue.then(() => writer.write(bytes));
      return queue;
    },
    async close() {
      if (closed) return;
      closed = true;
      try {
        await queue.catch(() => {}); // a failed write already failed its caller
      } finally {
        writer.releaseLock();
      }
    },
  };
}
