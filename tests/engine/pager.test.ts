/**
 * The one pager: where the next page is for each paging, the stop rule (no next page; empty pages that point on are
 * followed, a run of them fails) and the repeated-page guard, for every list the engine, verify and the deletion feed read.
 */
import { describe, expect, test } from "bun:test";
import { MalformedPageError } from "../../src/errors.ts";
import { listPages, MAX_EMPTY_PAGES, type NextPage, type Paging } from "../../src/engine/pager.ts";

type Body = { data: { id: string }[]; pages?: unknown };

/** Reads every page of a list answered by `answer`, and says which positions were asked. */
async function read(paging: Paging, answer: (position: NextPage) => Body, from?: NextPage) {
  const asked: NextPage[] = [];
  const ids: string[] = [];
  const nexts: NextPage[] = [];
  const pages = listPages<Body>({
    stream: "things",
    paging,
    from,
    ask: async (position) => {
      asked.push(position);
      return answer(position);
    },
    records: (body) => body.data,
  });
  for await (const page of pages) {
    ids.push(...page.records.map((record) => String(record.id)));
    nexts.push(page.next);
  }
  return { asked, ids, nexts };
}

const numbered = (position: NextPage) => (position && "page" in position ? position.page : 1);

describe("listPages", () => {
  test("next-or-page-number follows page/total_pages when pages.next is null", async () => {
    const { asked, ids } = await read("next-or-page-number", (position) => {
      const page = numbered(position);
      return { data: [{ id: `r${page}` }], pages: { page, total_pages: 3, next: null } };
    });
    expect(ids).toEqual(["r1", "r2", "r3"]);
    expect(asked).toEqual([undefined, { page: 2 }, { page: 3 }]);
  });

  test("next does not count pages: a list without pages.next is one page", async () => {
    const { ids } = await read("next", () => ({ data: [{ id: "a" }], pages: { page: 1, total_pages: 3, next: null } }));
    expect(ids).toEqual(["a"]);
  });

  test("cursor follows only starting_after: a next link or page number ends a search", async () => {
    const { asked } = await read(
      "cursor",
      (position) =>
        position
          ? { data: [{ id: "b" }], pages: { next: "https://api.intercom.io/x?page=3" } }
          : { data: [{ id: "a" }], pages: { next: { starting_after: "c1" } } },
    );
    expect(asked).toEqual([undefined, { startingAfter: "c1" }]);
  });

  test("none reads one answer whatever it says", async () => {
    const { asked } = await read("none", () => ({ data: [{ id: "a" }], pages: { next: { starting_after: "c1" } } }));
    expect(asked).toEqual([undefined]);
  });

  test("an empty page that points on is followed, and says where the next page is", async () => {
    const { asked, nexts } = await read(
      "next",
      (position) =>
        position === undefined
          ? { data: [{ id: "a" }], pages: { next: { starting_after: "c1" } } }
          : "startingAfter" in position && position.startingAfter === "c1"
          ? { data: [], pages: { next: { starting_after: "c2" } } }
          : { data: [{ id: "b" }], pages: {} },
    );
    expect(asked.length).toBe(3);
    expect(nexts).toEqual([{ startingAfter: "c1" }, { startingAfter: "c2" }, undefined]);
  });

  test("more than MAX_EMPTY_PAGES empty pages in a row fail the read", async () => {
    let n = 0;
    const pages = read("next", () => ({ data: [], pages: { next: { starting_after: `c${++n}` } } }));
    await expect(pages).rejects.toBeInstanceOf(MalformedPageError);
    expect(n).toBe(MAX_EMPTY_PAGES + 1);
  });

  test("a read resumed `from` a position starts there, and a page pointing back at it is a repeat", async () => {
    const pages = read("next", () => ({ data: [{ id: "a" }], pages: { next: { starting_after: "saved" } } }), { startingAfter: "saved" });
    await expect(pages).rejects.toBeInstanceOf(MalformedPageError);
  });

  test("a pages.next that repeats a page fails with the stream named, after the page before it was handed out", async () => {
    const seen: string[] = [];
    const pages = listPages<Body>({
      stream: "things",
      paging: "next",
      ask: async (position) => ({ data: [{ id: position ? "again" : "first" }], pages: { next: { starting_after: "same" } } }),
      records: (body) => body.data,
    });
    const reading = (async () => {
      for await (const page of pages) seen.push(page.records[0]!.id as string);
    })();
    await expect(reading).rejects.toThrow(
      "Intercom sent a response for things that intercom-sync cannot read: pages.next repeats a page already read",
    );
    expect(seen).toEqual(["first", "again"]);
  });
});
