/**
 * What tests of CLI syncs share: the fake's sizes and clock, the flags of a sync, and reading back what a run wrote
 * (SQLite rows by key, JSON lines by key, the state file). Running the CLI is run-cli.ts.
 */
import { readFile } from "node:fs/promises";
import type { FakeStreamName, RunningFakeIntercom } from "../../src/fake/mod.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { primaryKeyOf, recordKey } from "./record-key.ts";

/** Small enough for two shared cores, large enough for several pages per search stream. */
export const SMALL_SIZES = { contacts: 320, conversations: 12, companies: 25, tickets: 30, activityLogs: 80, maxParts: 4 };

/**
 * The fake's clock two hours behind the real one: the CLI bounds a run by the real clock, so every generated
 * record is inside the first run's bound.
 */
export function pastNow(): number {
  return Math.floor(Date.now() / 1000) - 7200;
}

/** The flags every sync in these tests shares. */
export function syncArgs(url: string, statePath: string, extra: readonly string[] = []): string[] {
  return ["sync", "--base-url", url, "--token", "test-token", "--state", statePath, "--quiet", ...extra];
}

export type KeySets = Record<string, string[]>;

/** What a run without --streams exports: every stream but the opt-in ones (a request per contact). */
export const DEFAULT_STREAM_NAMES: readonly string[] = DEFAULT_STREAMS.map((stream) => stream.name);

/** Every record a complete export of `streams` (the default set unless named) must contain, as sorted keys per stream. */
export function fakeKeys(fake: Pick<RunningFakeIntercom, "workspace">, streams: readonly string[] = DEFAULT_STREAM_NAMES): KeySets {
  const keys: KeySets = {};
  for (const stream of streams) {
    // A document has one record per record of its source, under the same key; an article one per locale it is written in.
    const read = streamByName(stream)?.read;
    const source = read?.kind === "document" ? read.parent : stream;
    keys[stream] = [...fake.workspace.records(source as FakeStreamName)].flatMap((record) =>
      stream === "article_documents"
        ? Object.keys(record.translated_content as object).filter((locale) => locale !== "type").map((locale) =>
          recordKey(stream, { id: record.id, locale })
        )
        : [recordKey(stream, record)]
    ).sort();
  }
  return keys;
}

/** Each table's keys (of the default set unless named), sorted, duplicates kept (so a duplicate row shows up as a difference). */
export async function sqliteKeys(path: string, streams: readonly string[] = DEFAULT_STREAM_NAMES): Promise<KeySets> {
  const db = await runtime.openSqlite(path);
  try {
    const keys: KeySets = {};
    for (const stream of streams) {
      const columns = primaryKeyOf(stream);
      const rows = db.prepare(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${stream}"`).all();
      keys[stream] = rows.map((row) => recordKey(stream, row)).sort();
    }
    return keys;
  } finally {
    db.close();
  }
}

export async function sqliteQuery(path: string, sql: string, ...params: (string | number)[]): Promise<Record<string, unknown>[]> {
  const db = await runtime.openSqlite(path);
  try {
    return db.prepare(sql).all(...params);
  } finally {
    db.close();
  }
}

/**
 * Keys per stream from JSON lines (`{"stream","data"}` per line). A last line without its newline (a run killed
 * mid-write) is ignored: its page was never checkpointed, so the next run repeats it.
 */
export function jsonlKeys(texts: readonly string[], streams: readonly string[] = DEFAULT_STREAM_NAMES): KeySets {
  const keys: KeySets = Object.fromEntries(streams.map((stream) => [stream, [] as string[]]));
  for (const text of texts) {
    const complete = text.endsWith("\n") ? text : text.slice(0, text.lastIndexOf("\n") + 1);
    for (const line of complete.split("\n")) {
      if (line === "") continue;
      const { stream, data } = JSON.parse(line) as { stream: string; data?: Record<string, unknown> };
      if (data === undefined) continue; // a deletion line ({"stream","deleted"})
      (keys[stream] ??= []).push(recordKey(stream, data));
    }
  }
  for (const stream of Object.keys(keys)) keys[stream]!.sort();
  return keys;
}

/** Sorted unique keys: for unions of several runs' outputs, where repeats are allowed. */
export function unique(keys: KeySets): KeySets {
  return Object.fromEntries(Object.entries(keys).map(([stream, list]) => [stream, [...new Set(list)].sort()]));
}

export interface StateFile {
  version: number;
  workspace: { baseUrl?: string; appId?: string };
  streams: Record<string, { cursor?: number; windows?: unknown[]; outcome?: string }>;
  lastRun?: { outcome: string };
}

export async function readState(path: string): Promise<StateFile> {
  return JSON.parse(await readFile(path, "utf8")) as StateFile;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** mulberry32: a tiny seeded PRNG, so the kill points are the same on every run of the suite. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Move the fake's clock to the real one, so what the test mutates next is stamped after the last run's bound;
 * then the caller mutates and waits `settle()` before the next run (bounded with --search-lag-minutes 0).
 */
export function catchUp(fake: RunningFakeIntercom): void {
  fake.workspace.now = Math.floor(Date.now() / 1000);
}

/** Past the second the mutations were stamped with. */
export function settle(): Promise<void> {
  return sleep(1100);
}
