/**
 * Which parents an embedded link page claims to hold whole (`Page.replaces`), so that the SQLite sink may retire
 * their other links: only those whose list was read whole. Not a list truncated that cannot be read whole, not
 * a parent gone before its whole list could be read, not a parent that carries no list at all.
 */
import { describe, expect, test } from "bun:test";
import { childPages } from "../../src/engine/children.ts";
import { type PassContext, planPasses } from "../../src/engine/pass.ts";
import type { ApiRequest } from "../../src/http/types.ts";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import type { Page } from "../../src/sinks/types.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { NotFoundError } from "../../src/errors.ts";

type Row = Record<string, unknown>;

/**
 * A pass context whose client answers `answer(request)`; warnings and skips are collected. `exported`: the
 * streams a run completed before (they may hold rows an emptied list retracts).
 */
function contextFor(answer: (request: ApiRequest) => unknown, exported: readonly string[] = [], fullRefresh = false) {
  const warnings: string[] = [];
  const skipped: string[] = [];
  const context = {
    client: {
      async request(request: ApiRequest) {
        const body = answer(request);
        if (body instanceof Error) throw body;
        return body;
      },
    },
    options: { childConcurrency: 2, fullRefresh },
    store: memoryStateStore(Object.fromEntries(exported.map((stream) => [stream, { cursor: 50, lastSyncedAt: 60 }]))),
    warn: (_stream: string, message: string) => warnings.push(message),
    countSkipped: (_stream: string, detail: string) => skipped.push(detail),
  } as unknown as PassContext;
  return { context, warnings, skipped };
}

async function pageOf(
  stream: string,
  parents: Row[],
  answer: (request: ApiRequest) => unknown = () => ({ type: "list", data: [] }),
  exported: readonly string[] = [],
  fullRefresh = false,
) {
  const [pass] = planPasses([streamByName(stream)!]);
  const { context, warnings, skipped } = contextFor(answer, exported, fullRefresh);
  const [page] = await childPages(context, pass!, parents);
  return { page: page as Page, warnings, skipped };
}

const tagRef = (id: string) => ({ type: "tag", id, url: `/tags/${id}` });
const contact = (id: string, tags: unknown, updatedAt = 100) => ({ type: "contact", id, updated_at: updatedAt, tags });

describe("embedded link pages: which parents they hold whole", () => {
  test("a list shown whole (no has_more), empty ones included, replaces its parent's links as of its updated_at", async () => {
    const { page } = await pageOf("contact_tags", [
      contact("c1", { type: "list", data: [tagRef("1"), tagRef("2")], has_more: false }, 100),
      contact("c2", { type: "list", data: [], has_more: false, total_count: 0 }, 200),
    ]);
    expect(page.records.map((row) => `${String(row.contact_id)}/${String(row.id)}`)).toEqual(["c1/1", "c1/2"]);
    expect(page.replaces).toEqual([
      { key: { contact_id: "c1" }, at: 100 },
      { key: { contact_id: "c2" }, at: 200 },
    ]);
  });

  test("a truncated list read whole from its own endpoint is complete", async () => {
    const { page } = await pageOf(
      "contact_tags",
      [contact("c1", { type: "list", data: [tagRef("1")], has_more: true, total_count: 2 })],
      (request) => (request.path === "/contacts/c1/tags" ? { type: "list", data: [{ type: "tag", id: "1" }, { type: "tag", id: "2" }] } : undefined),
    );
    expect(page.records.map((row) => row.id)).toEqual(["1", "2"]);
    expect(page.replaces).toEqual([{ key: { contact_id: "c1" }, at: 100 }]);
  });

  test("a truncated list that cannot be read whole (no endpoint for it) is not: its rows are written, none retired", async () => {
    const conversation = (id: string, tags: unknown) => ({ type: "conversation", id, updated_at: 300, tags });
    const { page, warnings } = await pageOf("conversation_tags", [
      conversation("7", { type: "tag.list", tags: [{ type: "tag", id: "1", name: "vip" }], has_more: true }),
      conversation("8", { type: "tag.list", tags: [{ type: "tag", id: "2", name: "beta" }] }),
    ]);
    expect(page.records.map((row) => `${String(row.conversation_id)}/${String(row.id)}`)).toEqual(["7/1", "8/2"]);
    expect(page.replaces).toEqual([{ key: { conversation_id: "8" }, at: 300 }]);
    expect(warnings).toEqual([expect.stringContaining("conversation 7 lists only some of its conversation_tags")]);
  });

  test("a parent gone before its whole list could be read is not: nothing of it is written or retired", async () => {
    const { page, skipped } = await pageOf(
      "contact_tags",
      [contact("c1", { type: "list", data: [tagRef("1")], has_more: true }), contact("c2", { type: "list", data: [tagRef("3")], has_more: false })],
      () => new NotFoundError("User Not Found", 404, "not_found", undefined, "contact_tags"),
    );
    expect(page.records.map((row) => row.contact_id)).toEqual(["c2"]);
    expect(page.replaces).toEqual([{ key: { contact_id: "c2" }, at: 100 }]);
    expect(skipped.length).toBe(1);
  });

  test("a parent without the list (null or missing, as 2.14 allows) says nothing about its links", async () => {
    const { page } = await pageOf("contact_companies", [
      { type: "contact", id: "c1", updated_at: 100, companies: null },
      { type: "contact", id: "c2", updated_at: 100 },
    ]);
    expect(page.records).toEqual([]);
    expect(page.replaces).toEqual([]);
  });

  test("a parent without a numeric updated_at has nothing to date a removal by", async () => {
    const { page } = await pageOf("contact_tags", [contact("c1", { type: "list", data: [tagRef("1")], has_more: false }, null as unknown as number)]);
    expect(page.records.length).toBe(1);
    expect(page.replaces).toEqual([]);
  });

  test("child reads (conversation_parts) carry no replaces: they are append-only", async () => {
    const { page } = await pageOf("conversation_parts", [{ type: "conversation", id: "7", updated_at: 1 }], () => ({
      conversation_parts: { conversation_parts: [{ id: "p1" }], total_count: 1 },
    }));
    expect(page.records.length).toBe(1);
    expect(page.replaces).toBeUndefined();
  });
});

describe("embedded link pages: a parent whose whole list is now empty", () => {
  const parents = [
    contact("c1", { type: "list", data: [tagRef("1")], has_more: false }, 100),
    contact("c2", { type: "list", data: [], has_more: false, total_count: 0 }, 200),
    // Not read whole: says nothing, so no deletion either.
    { type: "contact", id: "c3", updated_at: 300, tags: null },
  ];

  test("gets a deletion naming only the parent, as of its updated_at, once the stream was exported before", async () => {
    const { page } = await pageOf("contact_tags", parents, undefined, ["contact_tags"]);
    expect(page.deletions).toEqual([{ key: { contact_id: "c2" }, deletedAt: 200 }]);
    const conversation = { type: "conversation", id: "7", updated_at: 400, tags: { type: "tag.list", tags: [] } };
    const conversations = await pageOf("conversation_tags", [conversation], undefined, ["conversation_tags"]);
    expect(conversations.page.deletions).toEqual([{ key: { conversation_id: "7" }, deletedAt: 400 }]);
  });

  test("gets none on the stream's first run or a --full-refresh: there are no earlier rows to retract", async () => {
    expect((await pageOf("contact_tags", parents, undefined, [])).page.deletions).toBeUndefined();
    expect((await pageOf("contact_tags", parents, undefined, ["contacts"])).page.deletions).toBeUndefined();
    expect((await pageOf("contact_tags", parents, undefined, ["contact_tags"], true)).page.deletions).toBeUndefined();
  });
});
