/** What the protocol (Airbyte, Singer) tests share: config files, a fake with its clock back, records' identities. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { type RunningFakeIntercom, startFakeIntercom } from "../../src/fake/mod.ts";
import { fakeKeys as fakeKeySets } from "../helpers/cli-sync.ts";
import { recordKey } from "../helpers/record-key.ts";

export function writeJson(dir: string, name: string, value: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}

/** The fake the brief prescribes: its clock two hours back, so nothing is inside the search lag. */
export function startFake(): Promise<RunningFakeIntercom> {
  return startFakeIntercom({ now: Math.floor(Date.now() / 1000) - 7200 });
}

/** A record's identity: its stream's primary key fields joined (the key every test helper uses). */
export const keyOf = recordKey;

/** The keys of every record the fake holds for `stream` (a document per source record, an article per locale). */
export function fakeKeys(fake: RunningFakeIntercom, stream: string): string[] {
  return fakeKeySets(fake, [stream])[stream]!;
}
