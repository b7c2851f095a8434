/**
 * A fake Intercom in its own process: it outlives CLI runs killed with -9 (the tests), and its CPU never shares
 * the measured process's event loop (the bench). Started and driven by fake-process.ts.
 *
 * Usage: bun tests/helpers/fake-server.ts '<FakeOptions as JSON>'
 * Prints one JSON line `{"url": "http://127.0.0.1:PORT", "startMs": N}` once it listens, then serves until its
 * stdin closes, SIGTERM, or its parent process is gone.
 *
 * Besides the fake's API it answers the control routes under CONTROL (see fake-process.ts for each).
 */
import { createFakeIntercom, type FakeOptions, type FakeStreamName } from "../../src/fake/mod.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { recordKey } from "./record-key.ts";

/** Control routes: not Intercom's, so they cannot collide with the API the fake imitates. */
export const CONTROL = {
  /** `POST ?ms=N`: move the fake's wall clock (scroll expiry, rate windows) forward without waiting. */
  advanceClock: "/__control/advance-clock",
  /** `GET`: `{ stream: [key, ...] }`, what a complete export of the default set must contain. */
  keys: "/__control/keys",
  /** `GET`: the fake's counters plus the CPU time its process has used (`cpuMs`). */
  stats: "/__control/stats",
} as const;

if (import.meta.main) {
  const options = JSON.parse(process.argv[2] ?? "{}") as FakeOptions;
  const began = performance.now();
  let clockOffsetMs = 0;
  const fake = createFakeIntercom({ ...options, wallClock: () => Date.now() + clockOffsetMs });
  const handler = (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.pathname === CONTROL.advanceClock) {
      clockOffsetMs += Number(url.searchParams.get("ms") ?? "0");
      return Promise.resolve(Response.json({ offsetMs: clockOffsetMs }));
    }
    if (url.pathname === CONTROL.keys) {
      const keys: Record<string, string[]> = {};
      for (const { name: stream } of DEFAULT_STREAMS) {
        keys[stream] = [...fake.workspace.records(stream as FakeStreamName)].map((record) => recordKey(stream, record));
      }
      return Promise.resolve(Response.json(keys));
    }
    if (url.pathname === CONTROL.stats) {
      const usage = process.cpuUsage();
      return Promise.resolve(Response.json({ ...fake.stats, cpuMs: Math.round((usage.user + usage.system) / 1000) }));
    }
    return fake.handler(request);
  };
  const server = await runtime.serve(handler, { port: 0, hostname: "127.0.0.1" });
  process.stdout.write(`${JSON.stringify({ url: server.url, startMs: Math.round(performance.now() - began) })}\n`);

  const stop = () => void server.close().finally(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  // A parent killed with -9 never closes our stdin cleanly on every platform: notice it is gone.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) stop();
  }, 500).unref();
}
