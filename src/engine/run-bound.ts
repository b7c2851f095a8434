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
  /** The workspace the token reached: `app.id_code` of `GET /me`, when asked. */
  appId?: string;
}

/**
 * Ask Intercom for its time and the workspace with one cheap authenticated request (GET /me needs no permission).
 * Being the run's first request, it is also the connection check: a wrong address, certificate or header fails
 * the run at once.
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
  let appId: string | undefined;
  if (checkServerClock && client.serverNow) {
    const me = await client.request<{ app?: { id_code?: unknown } }>({ method: "GET", path: "/me", signal, connectionCheck: true });
    const idCode = me?.app?.id_code;
    if (typeof idCode === "string" && idCode !== "") appId = idCode;
    const serverNow = client.serverNow();
    if (serverNow !== undefined) offsetMs = serverNow - nowMs;
  }
  const now = Math.min(nowMs, nowMs + (offsetMs ?? 0));
  return { bound: Math.floor(now / 1000) - lagSeconds, offsetMs, appId };
}
