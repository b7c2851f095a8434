/**
 * `bun bench/snapshot-formats.ts [N]`: records per second and peak RSS of each output format on the same N fake
 * contacts (default 1,000,000), each format in its own process so each peak RSS is its own:
 * - `jsonl`: the JSON lines sink into a file; `sqlite`: the SQLite sink (pages of 150, one transaction each);
 * - `staging`: the same into a snapshot directory's staging database, its change-counting triggers included;
 * - `parquet`, `csv`: the snapshot of that SQLite table (what --parquet and --csv do at the end of a run; their
 *   records first go into the staging database exactly as `sqlite` measures);
 * - `parquet-unchanged`: the same again with nothing changed: the change counter read, no row, no file written.
 * Prints one JSON line per format. No HTTP: the formats alone.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createFakeIntercom } from "../src/fake/mod.ts";
import { streamInfo } from "../src/engine/run-sync.ts";
import { runtime } from "../src/runtime/mod.ts";
import { createJsonlFileSink } from "../src/sinks/jsonl-file.ts";
import { watchStagingChanges } from "../src/sinks/snapshot-changes.ts";
import { stagingDatabasePath } from "../src/sinks/snapshot-dir.ts";
import { publishSnapshots } from "../src/sinks/snapshot-publish.ts";
import { createSqliteSink } from "../src/sinks/sqlite.ts";
import type { JsonRecord, Sink } from "../src/sinks/types.ts";
import { contacts } from "../src/streams/contacts.ts";
import { peakRssMb } from "./rss.ts";

const PAGE = 150;
const FORMATS = ["jsonl", "sqlite", "staging", "parquet", "parquet-unchanged", "csv"] as const;
type Format = (typeof FORMATS)[number];

async function* contactPages(n: number): AsyncGenerator<JsonRecord[]> {
  const fake = createFakeIntercom({ seed: 1, sizes: { contacts: n, companies: 10, conversations: 1, tickets: 1, activityLogs: 1 } });
  let page: JsonRecord[] = [];
  for (const record of fake.workspace.records("contacts")) {
    page.push(record as JsonRecord);
    if (page.length === PAGE) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

async function fill(sink: Sink, n: number, opened: () => Promise<void> = async () => {}): Promise<void> {
  await sink.open([streamInfo(contacts)]);
  await opened();
  for await (const page of contactPages(n)) await sink.write("contacts", page);
  await sink.close();
}

async function measure(format: Format, dir: string, n: number): Promise<void> {
  const info = streamInfo(contacts);
  const started = performance.now();
  if (format === "jsonl") {
    const file = await runtime.openAppendFile(join(dir, "contacts.jsonl"), { create: true });
    await fill(createJsonlFileSink(file!, { onAppended: () => {} }), n);
  } else if (format === "sqlite") {
    await fill(createSqliteSink(join(dir, "plain.sqlite")), n);
  } else if (format === "staging") {
    await fill(createSqliteSink(stagingDatabasePath(dir)), n, () => watchStagingChanges(dir, ["contacts"]));
  } else if (format === "parquet-unchanged") {
    const { rewritten } = await publishSnapshots(dir, "parquet", [info]);
    if (rewritten.length > 0) throw new Error("nothing changed, yet the file was written again");
  } else {
    await publishSnapshots(dir, format, [info]);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    JSON.stringify({ format, records: n, seconds: Math.round(seconds * 10) / 10, recordsPerSecond: Math.round(n / seconds), peakRssMb: peakRssMb() }),
  );
}

const [format, dir, count] = process.argv.slice(2);
if (format && dir) {
  await measure(format as Format, dir, Number(count));
} else {
  const n = Number(process.argv[2] ?? 1_000_000);
  const work = mkdtempSync(join(tmpdir(), "snapshot-bench-"));
  try {
    // staging before parquet and csv: they read its database.
    for (const each of FORMATS) {
      const run = spawnSync(process.execPath, [import.meta.filename, each, work, String(n)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
      });
      process.stdout.write(run.stdout);
      if (run.status !== 0) process.exit(run.status ?? 1);
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
