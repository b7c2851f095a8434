/**
 * A --markdown-dir export streams: each page's transcripts are rendered from that page and on disk when its commit
 * returns, so what the run holds is bounded by the pages in flight (page size × windows read side by side), not by
 * the workspace: a 100,000-conversation export holds no more than a 1,200-conversation one. Shown by counting, not
 * by timing or by the garbage collector: the transcripts handed to the directory and not yet on disk never exceed
 * that product, and every committed batch's files exist.
 */
import { afterEach, beforeEach, expect, test } from "bun:test";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { createMarkdownDirSink } from "../../src/sinks/markdown-dir/sink.ts";
import type { PageBatch, Sink } from "../../src/sinks/types.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import type { MemorySink } from "../helpers/memory-sink.ts";
import { withTempDir } from "../helpers/temp-dir.ts";

const CONVERSATIONS = 1_200;

let fake: RunningFake;
beforeEach(async () => {
  const wall = Date.now();
  fake = await startFake({ wallClock: () => wall, sizes: { conversations: CONVERSATIONS, contacts: 40, admins: 3, maxParts: 2 } });
});
afterEach(() => fake.close());

/** Pages of conversations per search request, and search windows read side by side: the run's bound is their product. */
const PER_PAGE = 50;
const WINDOWS_AT_ONCE = 2;

test("transcripts reach the directory page by page: the run holds at most the pages in flight, whatever the workspace's size", async () => {
  await withTempDir(async (dir) => {
    const inner = createMarkdownDirSink(dir);
    let inFlight = 0;
    let mostInFlight = 0;
    let batches = 0;
    const missing: string[] = [];
    const counting: Sink = {
      ...inner,
      async commit(batch: PageBatch) {
        const transcripts = batch.pages.filter((page) => page.stream === "conversation_transcripts").flatMap((page) => page.records);
        inFlight += transcripts.length;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await inner.commit!(batch);
        // Once a batch is committed its files are on disk: nothing of it waits in memory for later.
        for (const record of transcripts) if (!existsSync(join(dir, "conversations", `${String(record.id)}.md`))) missing.push(String(record.id));
        inFlight -= transcripts.length;
        if (transcripts.length > 0) batches++;
      },
    };
    const { result } = await syncWith(fake, ["conversation_transcripts"], {
      sink: counting as MemorySink,
      perPage: PER_PAGE,
      windowConcurrency: WINDOWS_AT_ONCE,
    });
    expect(result.outcome).toBe("ok");
    expect(readdirSync(join(dir, "conversations")).length).toBe(CONVERSATIONS);
    expect(missing).toEqual([]);
    expect(batches).toBeGreaterThanOrEqual(CONVERSATIONS / PER_PAGE);
    // 1,200 conversations, never more than 2 pages of 50 transcripts handed over and not yet on disk.
    expect(mostInFlight).toBeGreaterThan(0);
    expect(mostInFlight).toBeLessThanOrEqual(PER_PAGE * WINDOWS_AT_ONCE);
  });
}, 120_000);
