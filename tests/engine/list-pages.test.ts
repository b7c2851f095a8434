/**
 * A list is read whole, following `pages.next` in any of its forms, even where one response usually holds
 * everything (GET /segments declares optional `pages`): reading page 1 only would lose records silently.
 */
import { expect, test } from "bun:test";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import { runSync } from "../../src/engine/run-sync.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { memorySink } from "../helpers/memory-sink.ts";

const STATS = { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0, backoffMs: 0, scrollWaitMs: 0, byStream: {} };

/** A client answering GET /segments from `pages` (keyed by the request's path + query), and nothing else. */
function segmentsClient(answer: (request: ApiRequest) => unknown): ApiClient & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    stats: STATS,
    async request<T>(request: ApiRequest): Promise<T> {
      asked.push(`${request.path}${request.query ? ` ${JSON.stringify(request.query)}` : ""}`);
      return answer(request) as T;
    },
  };
}

const segment = (id: string) => ({ type: "segment", id, name: id, created_at: 1, updated_at: 2, person_type: "user" });

test("segments: a pages.next link and a page number are both followed, every page written", async () => {
  const client = segmentsClient((request) => {
    if (request.path === "/segments" && request.query?.page === 3) return { type: "segment.list", segments: [segment("c")], pages: {} };
    if (request.path === "/segments") {
      return { type: "segment.list", segments: [segment("a")], pages: { next: "https://api.intercom.io/segments?page=2" } };
    }
    if (request.path === "https://api.intercom.io/segments?page=2") {
      return { type: "segment.list", segments: [segment("b")], pages: { next: { page: 3 } } };
    }
    throw new Error(`unexpected ${request.path}`);
  });
  const sink = memorySink();
  const result = await runSync({ client, sink, streams: selectStreams(["segments"]), checkServerClock: false });
  expect(result.outcome).toBe("ok");
  expect(sink.all("segments").map((record) => record.id)).toEqual(["a", "b", "c"]);
});

test("a pages.next that points back at a page already read fails the stream instead of looping", async () => {
  const client = segmentsClient(() => ({ type: "segment.list", segments: [segment("a")], pages: { next: { page: 2 } } }));
  const sink = memorySink();
  const result = await runSync({ client, sink, streams: selectStreams(["segments"]), checkServerClock: false });
  expect(result.outcome).toBe("failed");
  expect(result.streams[0]!.error?.message).toContain("pages.next repeats a page");
  expect(client.asked.length).toBe(2);
});
