/**
 * The fake Intercom in its own process, so its CPU never shares the measured process's event loop.
 * Usage: bun bench/fake-server.ts '<FakeServerOptions as JSON>'
 * Prints one JSON line `{"url": "http://127.0.0.1:PORT"}` once it listens; `GET /__bench/stats` answers the
 * fake's counters plus the CPU time its process has used (`cpuMs`). It exits when its stdin closes (the parent died or is done) or on SIGTERM.
 */
import { createFakeIntercom, type FakeOptions } from "../src/fake/mod.ts";
import { runtime } from "../src/runtime/mod.ts";

export const STATS_PATH = "/__bench/stats";

if (import.meta.main) {
  const options = JSON.parse(process.argv[2] ?? "{}") as FakeOptions;
  const began = performance.now();
  const fake = createFakeIntercom(options);
  const handler = (request: Request): Promise<Response> => {
    if (new URL(request.url).pathname === STATS_PATH) {
      const usage = process.cpuUsage();
      return Promise.resolve(Response.json({ ...fake.stats, cpuMs: Math.round((usage.user + usage.system) / 1000) }));
    }
    return fake.handler(request);
  };
  const server = await runtime.serve(handler, { port: 0, hostname: "127.0.0.1" });
  process.stdout.write(`${JSON.stringify({ url: server.url, startMs: Math.round(performance.now() - began) })}\n`);
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.on("SIGTERM", stop);
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
}
