/**
 * `verify --repair` writes a lacking record's child rows as the sync reads them: a paged child list (a contact's
 * notes) is read through every page, not its first page only.
 */
import { expect, test } from "bun:test";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import type { Page, Sink } from "../../src/sinks/types.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import type { HeldOutput } from "../../src/verify/held.ts";
import { repairStream } from "../../src/verify/repair.ts";

test("a lacking contact's notes are written from every page of them", async () => {
  const client = {
    stats: {},
    async request<T>(request: ApiRequest): Promise<T> {
      if (request.path === "/contacts/search") return { type: "list", data: [{ id: "c1", updated_at: 5 }], pages: {} } as T;
      if (request.path === "/contacts/c1/notes" && request.query?.page === 2) {
        return { type: "list", data: [{ id: "n2" }], pages: { page: 2, total_pages: 2 } } as T;
      }
      if (request.path === "/contacts/c1/notes") return { type: "list", data: [{ id: "n1" }], pages: { page: 1, total_pages: 2, next: null } } as T;
      throw new Error(`unexpected ${request.path}`);
    },
  } as unknown as ApiClient;
  const written: Page[] = [];
  const sink = { commit: async ({ pages }: { pages: Page[] }) => void written.push(...pages) } as unknown as Sink;
  const held: HeldOutput = {
    streams: new Map([
      ["contacts", { keys: new Set<string>() }],
      ["contact_notes", { keys: new Set<string>() }],
    ]),
    conversationPartCounts: new Map(),
  };
  const result = await repairStream({ client, intercomVersion: "2.11", now: 1_000_000 }, streamByName("contacts")!, held, sink, () => {});
  expect(result.added).toBe(1);
  const notes = written.filter((page) => page.stream === "contact_notes").flatMap((page) => page.records);
  expect(notes).toEqual([
    { id: "n1", contact_id: "c1" },
    { id: "n2", contact_id: "c1" },
  ]);
});
