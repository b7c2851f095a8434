/**
 * verify reads lists through the sync's pager: a list whose pages.next points back at a page already read fails
 * the read, as it fails a sync, instead of comparing the output with part of a list.
 */
import { expect, test } from "bun:test";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { listWhole, type VerifyReader } from "../../src/verify/intercom-numbers.ts";
import { readEveryId } from "../../src/verify/read-ids.ts";

function reader(answer: (request: ApiRequest) => unknown): VerifyReader {
  const client = { request: async <T>(request: ApiRequest) => answer(request) as T, stats: {} } as unknown as ApiClient;
  return { client, intercomVersion: "2.11", now: 1_000_000 };
}

const segment = (id: string) => ({ type: "segment", id, name: id, created_at: 1, updated_at: 2, person_type: "user" });

test("a whole list whose pages.next repeats a page fails rather than being compared in part", async () => {
  const r = reader(() => ({ type: "segment.list", segments: [segment("a")], pages: { next: { page: 2 } } }));
  await expect(listWhole(r, streamByName("segments")!)).rejects.toThrow("pages.next repeats a page");
});

test("--repair's search read whose next cursor repeats fails rather than writing part of the records", async () => {
  const r = reader(() => ({ type: "list", data: [{ id: "1", updated_at: 5 }], pages: { next: { starting_after: "same" } } }));
  await expect(readEveryId(r, streamByName("contacts")!, new Set())).rejects.toThrow("pages.next repeats a page");
});
