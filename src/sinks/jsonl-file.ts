/**
 * JSON lines appended to a file (`--output FILE`), exactly once. Each batch's bytes are appended, and in the same
 * synchronous step its progress is applied and the file's new length reported (`onAppended`), so any state
 * snapshot's recorded length covers exactly the pages whose progress it holds. The caller fsyncs the file before
 * a snapshot is saved, and a resumed run cuts the file back to the recorded length: a killed run leaves neither
 * a duplicate page nor a torn line.
 *
 * A batch without progress (a company scroll page: only the whole scroll moves the cursor) is held back per
 * pass and appended with that pass's next batch that brings progress; written earlier, another pass's checkpoint
 * would vouch for it. Held bytes stay in memory up to `memoryLimitBytes`, then go to a spool file next to the
 * output, removed as soon as it is opened where the OS allows (so a killed run leaves nothing behind).
 *
 * @example
 * const file = await runtime.openAppendFile("out.jsonl", { create: true });
 * const sink = createJsonlFileSink(file!, { onAppended: (length) => checkpointer.setOutput({ path, length }) });
 */
import { runtime } from "../runtime/mod.ts";
import type { AppendFile } from "../runtime/types.ts";
import { deletionLines } from "./jsonl.ts";
import type { Deletion, JsonRecord, Page, PageBatch, Sink } from "./types.ts";

export interface JsonlFileSinkOptions {
  /** Called with the file's length right after a batch's bytes are appended and its progress applied. */
  onAppended(length: number): void;
  /** Held-back bytes kept in memory per sink before spooling to disk. Default 32 MiB. */
  memoryLimitBytes?: number;
}

/** Bytes a pass wrote that no progress covers yet. */
interface Held {
  chunks: Uint8Array[];
  spool?: AppendFile;
}

const COPY_CHUNK_BYTES = 4 * 1024 * 1024;

export function createJsonlFileSink(file: AppendFile, options: JsonlFileSinkOptions): Sink {
  const encoder = new TextEncoder();
  const memoryLimit = options.memoryLimitBytes ?? 32 * 1024 * 1024;
  const held = new Map<string, Held>();
  let heldInMemory = 0;
  let spools = 0;
  // One append at a time, in the order batches were handed over.
  let queue: Promise<void> = Promise.resolve();
  // A failed append that could not be cut back: nothing more may be appended after its garbage.
  let broken: unknown;

  const encode = (pages: readonly Page[]): Uint8Array => {
    let text = "";
    for (const page of pages) {
      const prefix = `{"stream":${JSON.stringify(page.stream)},"data":`;
      for (const record of page.records) text += `${prefix}${JSON.stringify(record)}}\n`;
      text += deletionLines(page.stream, page.deletions ?? []);
    }
    return encoder.encode(text);
  };

  const hold = async (pass: string, bytes: Uint8Array) => {
    if (bytes.length === 0) return;
    const entry = held.get(pass) ?? { chunks: [] };
    held.set(pass, entry);
    if (entry.spool === undefined && heldInMemory + bytes.length <= memoryLimit) {
      entry.chunks.push(bytes);
      heldInMemory += bytes.length;
      return;
    }
    entry.spool ??= await openSpool(file.path, spools++);
    for (const chunk of entry.chunks.splice(0)) {
      await entry.spool.append(chunk);
      heldInMemory -= chunk.length;
    }
    await entry.spool.append(bytes);
  };

  /** Append a pass's held bytes and then `bytes`; on failure cut the file back to where it was. */
  const appendWithHeld = async (pass: string, bytes: Uint8Array) => {
    const start = file.length;
    const entry = held.get(pass);
    try {
      if (entry?.spool) {
        for (let at = 0; at < entry.spool.length; at += COPY_CHUNK_BYTES) {
          await file.append(await entry.spool.read(at, Math.min(COPY_CHUNK_BYTES, entry.spool.length - at)));
        }
      }
      for (const chunk of entry?.chunks ?? []) await file.append(chunk);
      if (bytes.length > 0) await file.append(bytes);
    } catch (error) {
      await file.truncate(start).catch((cutFailed) => (broken = cutFailed));
      throw error;
    }
    if (entry) {
      held.delete(pass);
      for (const chunk of entry.chunks) heldInMemory -= chunk.length;
      await closeSpool(entry.spool);
    }
  };

  return {
    async open() {},
    write(stream: string, records: readonly JsonRecord[], deletions?: readonly Deletion[]) {
      // Only reached without commit(); every write then counts as complete progress.
      return this.commit!({ pass: stream, pages: [{ stream, records, deletions }], progress: () => () => {} });
    },
    commit(batch: PageBatch) {
      const { progress } = batch;
      const bytes = encode(batch.pages);
      const step = async () => {
        if (broken !== undefined) throw broken;
        if (progress === undefined) return hold(batch.pass, bytes);
        await appendWithHeld(batch.pass, bytes);
        // Synchronously with the append's completion: no snapshot can fall between the bytes and their progress.
        progress();
        options.onAppended(file.length);
      };
      const done = queue.then(step);
      queue = done.catch(() => {});
      return done;
    },
    async close() {
      await queue;
      for (const entry of held.values()) await closeSpool(entry.spool);
      held.clear();
      heldInMemory = 0;
    },
  };
}

async function openSpool(outputPath: string, index: number): Promise<AppendFile> {
  const path = `${outputPath}.${runtime.pid()}.${index}.spool`;
  const spool = (await runtime.openAppendFile(path, { create: true }))!;
  await spool.truncate(0);
  // Unlinked while open (POSIX): the bytes stay readable, and a killed run leaves no file behind.
  await runtime.removeFile(path).catch(() => {});
  return spool;
}

async function closeSpool(spool: AppendFile | undefined): Promise<void> {
  if (spool === undefined) return;
  await spool.close();
  await runtime.removeFile(spool.path).catch(() => {});
}
