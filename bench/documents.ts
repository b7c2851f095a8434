/**
 * `bun bench/documents.ts [N]` (`npm run bench:documents`): what the documents cost, side by side in one run, on
 * the same N fake conversations (default 20,000; up to 6 parts each), the fake in its own process at zero latency
 * and no effective rate limit (so the numbers are intercom-sync's own work, not Intercom's):
 * - `plain`: conversations and conversation_parts as JSON lines into a file, what an export without documents does;
 * - `documents`: the same plus conversation_transcripts (rendered from the same pages: no request more);
 * - `markdown-dir`: conversation_transcripts into a --markdown-dir directory (a file per conversation, each
 *   written atomically), the parts read for them as the parts stream would.
 * Each runs in its own process, so its peak RSS is its own. Prints one JSON line per run, then a summary with
 * documents per second and each run's time over `plain` (the ratio is the figure to read: absolute rates move with
 * the machine's load).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { runSync } from "../src/engine/run-sync.ts";
import { createApiClient } from "../src/http/client.ts";
import { runtime } from "../src/runtime/mod.ts";
import { createJsonlFileSink } from "../src/sinks/jsonl-file.ts";
import { createMarkdownDirSink } from "../src/sinks/markdown-dir/sink.ts";
import type { Sink } from "../src/sinks/types.ts";
import type { StreamName } from "../src/streams/catalog.ts";
import { selectStreams } from "../src/streams/select.ts";
import { FAKE_TOKEN, startFakeProcess } from "../tests/helpers/fake-process.ts";
import { childArgs, report, runChild } from "./child.ts";
import { cpuMs, peakRssMb } from "./rss.ts";

const RUNS = {
  plain: ["conversations", "conversation_parts"],
  documents: ["conversations", "conversation_parts", "conversation_transcripts"],
  "markdown-dir": ["conversation_transcripts"],
} as const satisfies Record<string, readonly StreamName[]>;
type RunName = keyof typeof RUNS;

interface DocumentsRunArgs {
  run: RunName;
  url: string;
  dir: string;
}

export interface DocumentsRunReport {
  run: RunName;
  conversations: number;
  documents: number;
  records: number;
  seconds: number;
  documentsPerSecond: number | null;
  peakRssMb: number;
  cpuMs: number;
}

async function child(args: DocumentsRunArgs): Promise<DocumentsRunReport> {
  let sink: Sink;
  if (args.run === "markdown-dir") {
    sink = createMarkdownDirSink(join(args.dir, "markdown"));
  } else {
    const file = await runtime.openAppendFile(join(args.dir, `${args.run}.jsonl`), { create: true });
    sink = createJsonlFileSink(file!, { onAppended: () => {} });
  }
  const began = performance.now();
  const result = await runSync({
    client: createApiClient({ baseUrl: args.url, token: FAKE_TOKEN, userAgent: "intercom-sync bench" }),
    sink,
    streams: selectStreams([...RUNS[args.run]]),
  });
  const seconds = (performance.now() - began) / 1000;
  const failed = result.streams.filter((stream) => stream.outcome !== "ok");
  if (failed.length > 0) throw new Error(`streams failed: ${failed.map((stream) => `${stream.name}: ${stream.error?.message}`).join("; ")}`);
  const count = (name: string) => result.streams.find((stream) => stream.name === name)?.records ?? 0;
  const documents = count("conversation_transcripts");
  return {
    run: args.run,
    conversations: args.run === "markdown-dir" ? documents : count("conversations"),
    documents,
    records: result.streams.reduce((sum, stream) => sum + stream.records, 0),
    seconds: Math.round(seconds * 100) / 100,
    documentsPerSecond: documents > 0 ? Math.round(documents / seconds) : null,
    peakRssMb: peakRssMb(),
    cpuMs: cpuMs(),
  };
}

async function main(n: number): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), "documents-bench-"));
  const fake = await startFakeProcess({
    seed: 3,
    sizes: { conversations: n, contacts: Math.max(10, Math.ceil(n / 10)), maxParts: 6, tickets: 1, companies: 5, activityLogs: 1 },
    faults: { latencyMs: 0 },
    rateLimit: { limit: 1_000_000_000, windowMs: 10_000 },
  });
  try {
    const reports: DocumentsRunReport[] = [];
    for (const run of Object.keys(RUNS) as RunName[]) {
      const measured = await runChild<DocumentsRunReport>(
        fileURLToPath(import.meta.url),
        { run, url: fake.url, dir: work } satisfies DocumentsRunArgs,
      );
      console.log(JSON.stringify(measured));
      reports.push(measured);
    }
    const plain = reports.find((each) => each.run === "plain")!;
    const summary = Object.fromEntries(
      reports.map((each) => [each.run, {
        seconds: each.seconds,
        documentsPerSecond: each.documentsPerSecond,
        timeOverPlain: Math.round((each.seconds / plain.seconds) * 100) / 100,
        cpuOverPlain: Math.round((each.cpuMs / plain.cpuMs) * 100) / 100,
        peakRssMb: each.peakRssMb,
      }]),
    );
    console.log(JSON.stringify({ conversations: n, summary }));
  } finally {
    await fake.close();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const first = process.argv[2];
  if (first?.startsWith("{")) report(await child(childArgs<DocumentsRunArgs>()));
  else await main(Number(first ?? 20_000));
}
