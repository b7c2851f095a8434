/** What the protocol (Airbyte, Singer) tests share: config files, a fake with its clock back, records' identities. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type FakeStreamName, type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { streamByName } from "../../src/streams/catalog.ts";

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The fake the brief prescribes: its clock two hours back, so nothing is inside the search lag. */
export function startFake(): Promise<RunningFakeIntercom> {
  return startFakeIntercom({ now: Math.floor(Date.now() / 1000) - 7200 });
}

/** A record's identity: its stream's primary key fields joined. */
export function keyOf(stream: string, record: Record<string, unknown>): string {
  return streamByName(stream)!.primaryKey.map((field) => String(record[field])).join("|");
}

export function fakeKeys(fake: RunningFakeIntercom, stream: string): string[] {
  return [...fake.workspace.records(stream as FakeStreamName)].map((record) => keyOf(stream, record)).sort();
}
