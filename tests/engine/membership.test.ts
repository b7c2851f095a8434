import { afterEach, describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import type { FakeOptions } from "../../src/fake/types.ts";
import { startFake, syncWith, type RunningFake } from "../helpers/harness.ts";

const DAY = 86_400;
const PER_COMPANY = "GET /companies/{id}/segments";
const LISTING = "GET /companies";

let fake: RunningFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** Rows as comparable strings, whatever their order: the same rows, field for field. */
const rows = (records: Iterable<Record<string, unknown>>) => [...records].map((row) => JSON.stringify(row)).sort();

function requestsTo(route: string): number {
  return fake!.stats.byRoute[route] ?? 0;
}

/** Companies the fake's listings leave out (no users). */
function contactless(): string[] {
  return [...fake!.workspace.records("companies")].filter((company) => company.user_count === 0).map((company) => String(company.id));
}

async function exportSegments(fakeOptions: FakeOptions, membershipRead: "listing" | "per-parent") {
  fake = await startFake(fakeOptions);
  const run = await syncWith(fake, ["company_segments"], { membershipRead });
  expect(run.result.outcome).toBe("ok");
  const routes = { ...fake.stats.byRoute };
  const oracle = rows(fake.workspace.records("company_segments"));
  await fake.close();
  fake = undefined;
  return { run, routes, oracle, rows: rows(run.sink.all("company_segments")) };
}

describe("company_segments by segment membership", () => {
  test("exports the same rows as the per-company read, segment listings paged", async () => {
    const options: FakeOptions = { sizes: { companies: 900, segments: 7, companySegmentOdds: 3 } };
    const listing = await exportSegments(options, "listing");
    const perCompany = await exportSegments(options, "per-parent");
    expect(listing.rows.length).toBeGreaterThan(900);
    expect(listing.rows).toEqual(perCompany.rows);
    expect(listing.rows).toEqual(listing.oracle);
    // Several pages for some segments (150 a page), and far fewer requests than one per company.
    expect(listing.routes[LISTING]!).toBeGreaterThan(7);
    expect(perCompany.routes[PER_COMPANY]).toBe(900);
    expect(perCompany.routes[LISTING] ?? 0).toBe(0);
    expect((listing.routes[LISTING] ?? 0) + (listing.routes[PER_COMPANY] ?? 0)).toBeLessThan(900 / 4);
  });

  test("companies without users, whom the listings leave out, are read one by one, and the run says so", async () => {
    fake = await startFake({ sizes: { companies: 400, segments: 5 } });
    const left = contactless();
    expect(left.length).toBeGreaterThan(0);
    const run = await syncWith(fake, ["company_segments"]);
    expect(rows(run.sink.all("company_segments"))).toEqual(rows(fake.workspace.records("company_segments")));
    // Exactly those companies: once they are read, every segment's count is reached.
    expect(requestsTo(PER_COMPANY)).toBe(left.length);
    const warnings = run.result.streams.find((stream) => stream.name === "company_segments")!.warnings;
    expect(warnings.some((warning) => /^segment ".+" \(\w+\) has a count of \d+ but its listing shows \d+ companies$/.test(warning))).toBe(true);
    expect(warnings).toContain(`${left.length} companies read one by one (GET /companies/{id}/segments) where the segment listings fall short`);
  });

  test("a segment over the listing's cap: the companies past it are found one by one, exactly", async () => {
    fake = await startFake({ sizes: { companies: 500, segments: 4, companySegmentOdds: 2, companyListCap: 60 } });
    const run = await syncWith(fake, ["company_segments"]);
    expect(run.result.outcome).toBe("ok");
    const exported = rows(run.sink.all("company_segments"));
    expect(exported).toEqual(rows(fake.workspace.records("company_segments")));
    const warnings = run.result.streams.find((stream) => stream.name === "company_segments")!.warnings;
    expect(warnings.some((warning) => /listing shows 60 companies \(it stops after 60 of \d+ matches; Intercom lists at most 10,000\)$/.test(warning))).toBe(true);
    // The cap forced reads beyond the companies without users, but not of every company.
    expect(requestsTo(PER_COMPANY)).toBeGreaterThan(contactless().length);
    expect(requestsTo(PER_COMPANY)).toBeLessThanOrEqual(500);
  });

  test("a no-change incremental run costs the scroll, the segment listings and a page per table or search", async () => {
    const sizes = { companies: 1_000, segments: 6, companySegmentOdds: 8, contacts: 400, conversations: 80, tickets: 30, activityLogs: 40 };
    fake = await startFake({ sizes });
    const store = memoryStateStore();
    const first = await syncWith(fake, undefined, { store });
    expect(first.result.outcome).toBe("ok");
    fake.workspace.now += DAY;
    const before = fake.stats.requests;
    const second = await syncWith(fake, undefined, { store });
    expect(second.result.outcome).toBe("ok");
    const noChange = fake.stats.requests - before;

    const scrollPages = Math.ceil(sizes.companies / 50) + 1;
    const listingPages = sizes.segments * Math.ceil(sizes.companies / 150);
    // GET /me, the full tables (a handful each, the paged help-center lists a few pages), one page per search.
    const everythingElse = 60;
    expect(noChange).toBeLessThanOrEqual(scrollPages + 1 + listingPages + contactless().length + everythingElse);
    // Today's per-company path pays a request per company on top of that.
    expect(noChange).toBeLessThan(sizes.companies / 2);
    expect(rows(second.sink.all("company_segments"))).toEqual(rows(fake.workspace.records("company_segments")));
  });
});
