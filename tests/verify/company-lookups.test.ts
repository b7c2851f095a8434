/**
 * verify's companies comparison when GET /companies leaves held companies out (it lists only companies with
 * users): each is looked up by id, extra when Intercom answers 404; when they cannot all be looked up, the
 * stream is not reported as matching — whether they were deleted is not known.
 */
import { describe, expect, test } from "bun:test";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import { streamByName } from "../../src/streams/catalog.ts";
import { COMPANY_LOOKUP_LIMIT, compareOutput } from "../../src/verify/compare.ts";
import type { HeldOutput } from "../../src/verify/held.ts";
import type { VerifyReader } from "../../src/verify/intercom-numbers.ts";
import { NotFoundError } from "../../src/errors.ts";

/** Intercom with `listed` companies in GET /companies (of `total`), `gone` answering 404 by id. */
function reader(listed: string[], total: number, gone: Set<string>): { reader: VerifyReader; lookups: () => number } {
  let lookups = 0;
  const client = {
    async request<T>(request: ApiRequest): Promise<T> {
      if (request.path === "/companies") {
        return { type: "list", data: listed.map((id) => ({ id })), total_count: total, pages: { page: 1, total_pages: 1 } } as T;
      }
      const id = decodeURIComponent(request.path.slice("/companies/".length));
      lookups++;
      if (gone.has(id)) throw new NotFoundError("Company Not Found", 404, "company_not_found", undefined, "companies");
      return { type: "company", id } as T;
    },
    stats: {},
  } as unknown as ApiClient;
  return { reader: { client, intercomVersion: "2.11", now: 0 }, lookups: () => lookups };
}

function held(ids: string[]): HeldOutput {
  return { streams: new Map([["companies", { keys: new Set(ids) }]]), conversationPartCounts: new Map() };
}

const companies = [streamByName("companies")!];

describe("held companies GET /companies does not list", () => {
  test("each is looked up: a gone one is extra, one without users is a note, and the stream differs", async () => {
    const { reader: r, lookups } = reader(["a"], 1, new Set(["gone"]));
    const [verdict] = await compareOutput(r, companies, held(["a", "gone", "no-users"]));
    expect(verdict).toMatchObject({ comparedBy: "ids", extra: ["gone"], matches: false });
    expect(verdict!.note).toContain("1 held companies are not in GET /companies");
    expect(verdict!.error).toBeUndefined();
    expect(lookups()).toBe(2);
  });

  test(`more than ${COMPANY_LOOKUP_LIMIT} of them: the rest are not looked up and the stream is not ok`, async () => {
    const ids = Array.from({ length: COMPANY_LOOKUP_LIMIT + 5 }, (_, index) => `c${String(index).padStart(5, "0")}`);
    const { reader: r, lookups } = reader([], 0, new Set());
    const [verdict] = await compareOutput(r, companies, held(ids));
    expect(lookups()).toBe(COMPANY_LOOKUP_LIMIT);
    expect(verdict!.matches).toBe(false);
    expect(verdict!.extra).toEqual([]);
    expect(verdict!.error).toContain("5 more held companies are not in GET /companies and were not looked up");
  });
});
