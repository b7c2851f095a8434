/**
 * The fake Intercom: a deterministic generated workspace served in the shape of the Intercom-Version a request
 * sends (2.11 by default, 2.14, 2.16; versions.ts), with Intercom's paging,
 * search semantics, rate limits and failure modes. Used by `demo`, by the tests and by the benchmarks.
 * @example
 * const fake = await startFakeIntercom({ seed: 7, sizes: { contacts: 1000 } });
 * const res = await fetch(`${fake.url}/admins`, { headers: { Authorization: "Bearer test-token" } });
 * await fake.close();
 */
import { runtime } from "../runtime/mod.ts";
import { createFakeIntercom } from "./fake.ts";
import type { FakeOptions, RunningFakeIntercom } from "./types.ts";

export type { FakeIntercom, FakeOptions, FakeSizes, FakeStats, FakeStreamName, FakeWorkspace, Faults, RunningFakeIntercom } from "./types.ts";
export { createFakeIntercom, DEFAULT_NOW, DEFAULT_RATE_LIMIT, DEFAULT_TOKENS } from "./fake.ts";
export { PERMISSION } from "./permissions.ts";
export { DEFAULT_SIZES, ROUTE_PERMISSIONS } from "./resources/registry.ts";
export { PART_CAP, UnknownRecordError } from "./workspace.ts";
export { SCROLL_IDLE_MS } from "./scroll.ts";
export { SCROLL_EXISTS_MESSAGE, SCROLL_PAGE_SIZE, SCROLL_RESTART_MESSAGE } from "./routes/companies.ts";
export { ACTIVITY_LOG_PAGE_SIZE } from "./routes/activity-logs.ts";

/** Serves a fake on 127.0.0.1 with a free port. */
export async function startFakeIntercom(options?: FakeOptions): Promise<RunningFakeIntercom> {
  const fake = createFakeIntercom(options);
  const server = await runtime.serve(fake.handler, { port: 0, hostname: "127.0.0.1" });
  // The same object, so replacing `faults` or reading `stats` on either name sees one fake.
  return Object.assign(fake, { url: server.url, close: () => server.close() });
}
