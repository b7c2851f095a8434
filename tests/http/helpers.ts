/** Test scaffolding for the HTTP layer: inline servers on 127.0.0.1 and a virtual clock. */
import type { Clock } from "../../src/http/clock.ts";
import { type Handler, runtime } from "../../src/runtime/mod.ts";

export const TOKEN = "tok_SECRET_abc123xyz";

/** Serves `handler`, runs `body` with the server's URL, always closes the server. */
export async function withServer<T>(handler: Handler, body: (url: string) => Promise<T>): Promise<T> {
  const server = await runtime.serve(handler, { port: 0, hostname: "127.0.0.1" });
  try {
    return await body(server.url);
  } finally {
    await server.close();
  }
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

export function errorBody(code: string, message: string, requestId = "req-1") {
  return { type: "error.list", request_id: requestId, errors: [{ code, message }] };
}

export interface VirtualClock extends Clock {
  /** Every sleep asked for, in order. */
  readonly sleeps: number[];
  advance(ms: number): void;
}

/**
 * Time that jumps: a sleep resolves on the next macrotask and moves `now` to at least its own end, so waits of
 * seconds take microseconds. Time never goes backwards and every sleeper wakes at or after its deadline.
 */
export function virtualClock(startMs = 1_700_000_000_000): VirtualClock {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      const wakeAt = now + Math.max(0, ms);
      await new Promise((resolve) => setTimeout(resolve, 0));
      // Time moves when the sleeper wakes, so sleepers that started together move it once, not once each.
      now = Math.max(now, wakeAt);
      signal?.throwIfAborted();
    },
  };
}

/** The error `promise` rejects with, checked to be a `Kind` so its fields are typed. */
export async function rejection<E extends Error>(promise: Promise<unknown>, Kind: abstract new (...args: never[]) => E): Promise<E> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Kind)) throw new Error(`expected a ${Kind.name}, got ${String(outcome)}`);
  return outcome;
}
