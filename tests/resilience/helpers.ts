/**
 * Shared by the resilience tests: a client with short backoffs, the exact-records check, a fake served
 * behind a handler that can break chosen routes (the fake's own faults hit every route alike). The CLI run
 * in-process is tests/helpers/run-cli-in-process.ts.
 */
import { expect } from "bun:test";
import { readFileSync } from "node:fs";
import { createFakeIntercom, type FakeIntercom, type FakeOptions, type FakeStreamName } from "../../src/fake/mod.ts";
import { type ApiClientOptions, createApiClient } from "../../src/http/client.ts";
import type { ApiClient } from "../../src/http/types.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { streamByName, type StreamName } from "../../src/streams/catalog.ts";
import { DEFAULT_STREAMS } from "../../src/streams/select.ts";
import { keyOf, type MemorySink } from "../helpers/memory-sink.ts";
import type { RunningFake } from "../helpers/harness.ts";

export const TOKEN = "test-token";

/**
 * The harness's client, but backing off for milliseconds instead of seconds so retried runs stay fast, and with
 * more attempts: at a 30 % fault rate five attempts in a row fail for 1 request in 400, which a run of a few
 * hundred requests would hit about half the time; ten make it one in 170,000.
 */
export function fastRetryClient(fake: { url: string }, extra: Partial<ApiClientOptions> = {}): ApiClient {
  return createApiClient({
    baseUrl: fake.url,
    token: TOKEN,
    userAgent: "intercom-sync-tests",
    retry: { backoffBaseMs: 5, backoffMaxMs: 50, maxAttempts: 10 },
    ...extra,
  });
}

/** Asserts the sink holds exactly the fake workspace's records for each stream: same keys, each once. */
export function expectExactRecords(fake: RunningFake | FakeIntercom, sink: MemorySink, streams: readonly string[]): void {
  for (const name of streams) {
    const stream = streamByName(name)!;
    const expected = [...fake.workspace.records(name as FakeStreamName)].map((record) => keyOf(record, stream.primaryKey));
    const exported = sink.all(name).map((record) => keyOf(record, stream.primaryKey));
    expect({ stream: name, unique: new Set(exported).size }).toEqual({ stream: name, unique: exported.length });
    expect({ stream: name, keys: [...exported].sort() }).toEqual({ stream: name, keys: [...expected].sort() });
    expect({ stream: name, empty: exported.length === 0 }).toEqual({ stream: name, empty: false });
  }
}

/** Answers a request itself to break it, or returns undefined to let the fake answer. */
export type Breaker = (request: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

export interface WrappedFake extends FakeIntercom {
  url: string;
  close(): Promise<void>;
}

/**
 * The fake on 127.0.0.1 behind `breaker`: when it returns a response, that is the answer; otherwise the fake
 * answers. This is how one stream's route fails while the others work, also for the CLI, which makes its own client.
 */
export async function startBrokenFake(options: FakeOptions, breaker: Breaker): Promise<WrappedFake> {
  const fake = createFakeIntercom({ seed: 7, ...options });
  const server = await runtime.serve(
    async (request) => (await breaker(request, new URL(request.url))) ?? fake.handler(request),
    { port: 0, hostname: "127.0.0.1" },
  );
  return Object.assign(fake, { url: server.url, close: () => server.close() });
}

/** A gateway's HTML error page, as load balancers send. */
export function htmlErrorPage(status = 502): Response {
  return new Response(`<!DOCTYPE html><html><head><title>${status} Bad Gateway</title></head><body><h1>${status}</h1></body></html>\n`, {
    status,
    headers: { "Content-Type": "text/html" },
  });
}

/** The fake's real answer with its JSON cut in half, status 200. */
export async function truncatedAnswer(fake: FakeIntercom, request: Request): Promise<Response> {
  const real = await fake.handler(request);
  const text = await real.text();
  return new Response(text.slice(0, Math.floor(text.length / 2)), { status: 200, headers: { "Content-Type": "application/json" } });
}

export interface SavedStream {
  cursor?: number;
  outcome?: string;
  error?: string;
  window?: unknown;
}

export function readStateStreams(path: string): Record<string, SavedStream> {
  return (JSON.parse(readFileSync(path, "utf8")) as { streams: Record<string, SavedStream> }).streams;
}

/** Every stream a run without --streams exports: the default set (opt-in streams are read only when named). */
export const ALL_STREAMS: readonly StreamName[] = DEFAULT_STREAMS.map((stream) => stream.name as StreamName);

/** Small enough for a shared 2-core machine, large enough that every paged stream has more than one page. */
export const SMALL_SIZES = {
  admins: 6,
  teams: 3,
  tags: 8,
  segments: 5,
  companies: 70,
  contacts: 40,
  conversations: 15,
  tickets: 12,
  activityLogs: 30,
  maxParts: 3,
};
