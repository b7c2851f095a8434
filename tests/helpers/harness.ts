/** Runs the engine against a fake Intercom on 127.0.0.1, with the engine's clock tied to the fake's. */
import { startFakeIntercom } from "../../src/fake/mod.ts";
import type { FakeOptions } from "../../src/fake/types.ts";
import { createApiClient } from "../../src/http/client.ts";
import { runSync, type SyncOptions, type SyncResult } from "../../src/engine/run-sync.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { selectStreams } from "../../src/streams/select.ts";
import type { StreamName } from "../../src/streams/catalog.ts";
import { type MemorySink, memorySink } from "./memory-sink.ts";

export type RunningFake = Awaited<ReturnType<typeof startFakeIntercom>>;

export async function startFake(options: FakeOptions = {}): Promise<RunningFake> {
  return startFakeIntercom({ seed: 7, ...options });
}

export function clientFor(fake: RunningFake, token = "test-token") {
  return createApiClient({ baseUrl: fake.url, token, userAgent: "intercom-sync-tests", maxAttempts: 4 });
}

export interface EngineRun {
  result: SyncResult;
  sink: MemorySink;
}

/** One sync. `store` carries state between runs; the engine's "now" is the fake workspace's now. */
export async function syncWith(
  fake: RunningFake,
  streams: readonly StreamName[] | undefined,
  extra: Partial<SyncOptions> & { sink?: MemorySink } = {},
): Promise<EngineRun> {
  const sink = extra.sink ?? memorySink();
  const result = await runSync({
    client: clientFor(fake),
    store: extra.store ?? memoryStateStore(),
    searchLagMinutes: 0,
    now: () => (fake.workspace.now + 1) * 1000,
    ...extra,
    sink,
    streams: selectStreams(streams ? [...streams] : undefined),
  });
  return { result, sink };
}
