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

test("an empty page that points on is followed: a list that shrank under the read loses nothing after it", async () => {
  const client = segmentsClient((request) => {
    if (request.query?.page === 2) return { type: "segment.list", segments: [], pages: { next: { page: 3 } } };
    if (request.query?.page === 3) return { type: "segment.list", segments: [segment("c")], pages: {} };
    return { type: "segment.list", segments: [segment("a")], pages: { next: { page: 2 } } };
  });
  const sink = memorySink();
  const result = await runSync({ client, sink, streams: selectStreams(["segments"]), checkServerClock: false });
  expect(result.outcome).toBe("ok");
  expect(sink.all("segments").map((record) => record.id)).toEqual(["a", "c"]);
  expect(client.asked.length).toBe(3);
});

test("empty pages that keep pointing on fail the stream instead of reading nothing forever", async () => {
  const client = segmentsClient((request) => {
    const page = Number(request.query?.page ?? 1);
    if (page > 50) throw new Error("still asking after 50 pages");
    return { type: "segment.list", segments: page === 1 ? [segment("a")] : [], pages: { next: { page: page + 1 } } };
  });
  const sink = memorySink();
  const result = await runSync({ client, sink, streams: selectStreams(["segments"]), checkServerClock: false });
  expect(result.outcome).toBe("failed");
  expect(result.streams[0]!.error?.message).toContain("empty pages in a row");
});

test("activity_logs: a pages.next that points back at a page already read fails the stream instead of looping", async () => {
  let asked = 0;
  const client: ApiClient = {
    stats: STATS,
    async request<T>(request: ApiRequest): Promise<T> {
      if (request.path !== "/admins/activity_logs") throw new Error(`unexpected ${request.path}`);
      if (++asked > 10) throw new Error("still asking after 10 pages");
      const event = { id: `e${asked}`, created_at: 1_000, performed_by: { id: "1" }, activity_type: "x" };
      return { type: "activity_log.list", activity_logs: [event], pages: { next: { starting_after: "same" } } } as T;
    },
  };
  const sink = memorySink();
  const result = await runSync({
    client,
    sink,
    streams: selectStreams(["activity_logs"]),
    since: Math.floor(Date.now() / 1000) - 3600,
    checkServerClock: false,
  });
  expect(result.outcome).toBe("failed");
  expect(result.streams[0]!.error?.message).toContain("pages.next repeats a page");
  expect(asked).toBe(2);
});
