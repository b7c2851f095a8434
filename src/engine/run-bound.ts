/**
 * The run's upper bound: nothing updated at or after it is read this run. It is "now minus the search lag",
 * where "now" is the earlier of this machine's clock and Intercom's. A clock running ahead of Intercom's would
 * otherwise set the bound in Intercom's future, and records updated between the bound's real time and the
 * run's end would fall behind the saved cursor and never be read.
 */
import type { ApiClient } from "../http/types.ts";

export interface RunBound {
  /** Unix seconds. */
  bound: number;
  /** Intercom's clock minus ours (ms), when a response told it. */
  offsetMs?: number;
}

/**
 * Ask Intercom for its time with one cheap authenticated request (GET /me needs no permission). Being the run's
 * first request, it is also the connection check: a wrong address, certificate or header fails the run at once.
 */
export async function runBound(
  client: ApiClient,
  nowMs: number,
  lagMinutes: number,
  signal: AbortSignal,
  checkServerClock: boolean,
): Promise<RunBound> {
  const lagSeconds = Math.round(lagMinutes * 60);
  let offsetMs: number | undefined;
  if (checkServerClock && client.serverNow) {
    await client.request({ method: "GET", path: "/me", signal, connectionCheck: true });
    const serverNow = client.serverNow();
    if (serverNow !== undefined) offsetMs = serverNow - nowMs;
  }
  const now = Math.min(nowMs, nowMs + (offsetMs ?? 0));
  return { bound: Math.floor(now / 1000) - lagSeconds, offsetMs };
}
