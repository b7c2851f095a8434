/**
 * A fake Intercom in its own process, so it outlives CLI runs killed with -9. Prints its URL on the first line
 * of stdout, then serves until stdin closes or it is killed.
 *
 * Usage: bun tests/cli-state/fake-server.ts '<json FakeServerConfig>'
 *
 * Besides the fake's API it answers two test-only routes:
 * - `POST /__test/advance-clock?ms=N` moves the fake's wall clock (scroll expiry, rate windows) forward, so a
 *   company scroll left open by a killed run expires without waiting a real minute;
 * - `GET /__test/keys` returns `{ stream: [key, ...] }`: what a complete export of the default set must contain.
 */
import { createFakeIntercom } from "../../src/fake/mod.ts";
import type { FakeSizes, FakeStreamName } from "../../src/fake/types.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { recordKey } from "./keys.ts";

export interface FakeServerConfig {
  seed: number;
  /** Unix seconds for the workspace clock. */
  now: number;
  sizes: Partial<FakeSizes>;
  latencyMs: number;
  /** The workspace id `GET /me` reports; default: derived from the seed. */
  appId?: string;
}

const MAX_LIFETIME_MS = 5 * 60_000;

const config = JSON.parse(process.argv[2] ?? "{}") as FakeServerConfig;
let clockOffsetMs = 0;
const fake = createFakeIntercom({
  seed: config.seed,
  appId: config.appId,
  now: config.now,
  sizes: config.sizes,
  faults: { latencyMs: config.latencyMs },
  wallClock: () => Date.now() + clockOffsetMs,
});

const server = await runtime.serve(
  async (request: Request) => {
    const url = new URL(request.url);
    if (url.pathname === "/__test/advance-clock") {
      clockOffsetMs += Number(url.searchParams.get("ms") ?? "0");
      return Response.json({ offsetMs: clockOffsetMs });
    }
    if (url.pathname === "/__test/keys") {
      const keys: Record<string, string[]> = {};
      for (const { name: stream } of DEFAULT_STREAMS) {
        keys[stream] = [...fake.workspace.records(stream as FakeStreamName)].map((record) => recordKey(stream, record));
      }
      return Response.json(keys);
    }
    return fake.handler(request);
  },
  { port: 0, hostname: "127.0.0.1" },
);

console.log(server.url);
// Stop when the test closes our stdin, when the test process is gone, or after a lifetime no test needs.
const parent = process.ppid;
const stop = () => void server.close().finally(() => process.exit(0));
process.stdin.on("end", stop);
process.stdin.resume();
setInterval(() => {
  if (process.ppid !== parent) stop();
}, 500).unref();
setTimeout(stop, MAX_LIFETIME_MS).unref();
