import { afterEach, describe, expect, test } from "bun:test";
import { memoryStateStore } from "../../src/engine/state-store.ts";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import type { FakeOptions } from "../../src/fake/types.ts";
import type { ApiClient, ApiRequest } from "../../src/http/types.ts";
import { runtime } from "../../src/runtime/mod.ts";
import { clientFor, type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { NotFoundError } from "../../src/errors.ts";

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

type Company = Record<string, unknown> & { segments: { segments: Record<string, unknown>[] } };

/** A fake whose company scroll answers pass through `corrupt`: the embedded lists can be made to lie. */
async function startCorruptedFake(options: FakeOptions, corrupt: (company: Company) => void): Promise<RunningFake> {
  const inner = createFakeIntercom({ seed: 7, ...options });
  const server = await runtime.serve(
    async (request) => {
      const response = await inner.handler(request);
      if (new URL(request.url).pathname !== "/companies/scroll" || response.status !== 200) return response;
      const body = (await response.json()) as { data?: Company[] };
      for (const company of body.data ?? []) corrupt(company);
      const headers = new Headers(response.headers);
      headers.delete("content-length");
      return new Response(JSON.stringify(body), { status: 200, headers });
    },
    { port: 0, hostname: "127.0.0.1" },
  );
  return Object.assign(inner, { url: server.url, close: () => server.close() });
}

function segmentWarnings(run: Awaited<ReturnType<typeof syncWith>>): string[] {
  return run.result.streams.find((stream) => stream.name === "company_segments")!.warnings;
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
    // The companies' embedded segments settle every segment the listings fall short of.
    expect(listing.routes[PER_COMPANY] ?? 0).toBe(0);
    expect(perCompany.routes[LISTING] ?? 0).toBe(0);
    expect((listing.routes[LISTING] ?? 0) + (listing.routes[PER_COMPANY] ?? 0)).toBeLessThan(900 / 4);
  });

  test("the companies' embedded segments find those without users: no company is read one by one, no warning", async () => {
    fake = await startFake({ sizes: { companies: 400, segments: 5 } });
    expect(contactless().length).toBeGreaterThan(0);
    const run = await syncWith(fake, ["company_segments"]);
    expect(run.result.outcome).toBe("ok");
    expect(rows(run.sink.all("company_segments"))).toEqual(rows(fake.workspace.records("company_segments")));
    expect(requestsTo(PER_COMPANY)).toBe(0);
    expect(segmentWarnings(run)).toEqual([]);
  });

  test("without embedded segments, companies without users, whom the listings leave out, are read one by one, and the run says so", async () => {
    fake = await startFake({ sizes: { companies: 400, segments: 5 }, companySegmentsEmbedded: false });
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

  test("a segment over the listing's cap, with embedded segments: its members are settled without per-company reads", async () => {
    fake = await startFake({ sizes: { companies: 500, segments: 4, companySegmentOdds: 2, companyListCap: 60 } });
    const run = await syncWith(fake, ["company_segments"]);
    expect(run.result.outcome).toBe("ok");
    expect(rows(run.sink.all("company_segments"))).toEqual(rows(fake.workspace.records("company_segments")));
    expect(requestsTo(PER_COMPANY)).toBe(0);
    expect(segmentWarnings(run)).toEqual([]);
  });

  test("a segment over the listing's cap, without embedded segments: the companies past it are found one by one, exactly", async () => {
    fake = await startFake({ sizes: { companies: 500, segments: 4, companySegmentOdds: 2, companyListCap: 60 }, companySegmentsEmbedded: false });
    const run = await syncWith(fake, ["company_segments"]);
    expect(run.result.outcome).toBe("ok");
    const exported = rows(run.sink.all("company_segments"));
    expect(exported).toEqual(rows(fake.workspace.records("company_segments")));
    const warnings = run.result.streams.find((stream) => stream.name === "company_segments")!.warnings;
    expect(
      warnings.some((warning) => /listing shows 60 companies \(it stops after 60 of \d+ matches; Intercom lists at most 10,000\)$/.test(warning)),
    ).toBe(true);
    // The cap forced reads beyond the companies without users, but not of every company.
    expect(requestsTo(PER_COMPANY)).toBeGreaterThan(contactless().length);
    expect(requestsTo(PER_COMPANY)).toBeLessThanOrEqual(500);
  });

  describe("an embedded list that lies makes its segment fall back, rows still exact", () => {
    const sizes = { companies: 400, segments: 5, companySegmentOdds: 3 };
    type Pick = (company: Record<string, unknown>, inSegments: string[], allSegments: string[]) => string | undefined;
    type Edit = (list: Record<string, unknown>[], segment: string) => Record<string, unknown>[];

    /** Runs against a fake whose scroll shows the first company `pick` names a segment for with `edit` applied. */
    async function runWithLie(pick: Pick, edit: Edit): Promise<void> {
      const probe = createFakeIntercom({ seed: 7, sizes }).workspace;
      const allSegments = [...probe.records("segments")].map((segment) => String(segment.id));
      const links = [...probe.records("company_segments")];
      let target: { company: string; segment: string } | undefined;
      for (const company of probe.records("companies")) {
        const inSegments = links.filter((row) => row.company_id === company.id).map((row) => String(row.id));
        const segment = pick(company, inSegments, allSegments);
        if (segment) {
          target = { company: String(company.id), segment };
          break;
        }
      }
      expect(target).toBeDefined();
      const { company, segment } = target!;
      fake = await startCorruptedFake({ sizes }, (record) => {
        if (record.id === company) record.segments.segments = edit(record.segments.segments, segment);
      });
      const run = await syncWith(fake, ["company_segments"]);
      expect(run.result.outcome).toBe("ok");
      expect(rows(run.sink.all("company_segments"))).toEqual(rows(fake.workspace.records("company_segments")));
      // That segment alone fell back to per-company reads.
      const fellBack = segmentWarnings(run).filter((warning) => warning.startsWith("segment "));
      expect(fellBack).toHaveLength(1);
      expect(fellBack[0]).toContain(`(${segment})`);
      expect(requestsTo(PER_COMPANY)).toBeGreaterThan(0);
    }
    const hasUsers = (company: Record<string, unknown>) => typeof company.user_count === "number" && company.user_count > 0;
    const lacking: Edit = (list, segment) => list.filter((entry) => entry.id !== segment);
    const naming: Edit = (list, segment) => [...list, { type: "segment", id: segment }];
    const notIn = (inSegments: string[], allSegments: string[]) => allSegments.find((id) => !inSegments.includes(id));

    test("a company with users lacks a segment it is in", async () => {
      await runWithLie((company, inSegments) => (hasUsers(company) ? inSegments[0] : undefined), lacking);
    });

    test("a company without users lacks a segment it is in", async () => {
      await runWithLie((company, inSegments) => (hasUsers(company) ? undefined : inSegments[0]), lacking);
    });

    test("a company with users names a segment it is not in", async () => {
      await runWithLie((company, inSegments, all) => (hasUsers(company) ? notIn(inSegments, all) : undefined), naming);
    });

    test("a company without users names a segment it is not in", async () => {
      await runWithLie((company, inSegments, all) => (hasUsers(company) ? undefined : notIn(inSegments, all)), naming);
    });
  });

  test("a segment deleted mid-run (its listing answers 404) is a warning: companies and the other segments' links are exact", async () => {
    fake = await startFake({ sizes: { companies: 300, segments: 5, companySegmentOdds: 3 } });
    const running = fake;
    const gone = [...running.workspace.records("segments")][1]!;
    const goneLinks = [...running.workspace.records("company_segments")].filter((row) => row.id === gone.id).length;
    expect(goneLinks).toBeGreaterThan(0);
    const inner = clientFor(running);
    // Deleted right after the segment list is read, before its members are listed.
    let deleted = false;
    const client: ApiClient = {
      async request<T>(request: ApiRequest) {
        const answer = await inner.request<T>(request);
        if (request.path === "/segments" && !deleted) {
          running.workspace.deleteRecord("segments", String(gone.id));
          deleted = true;
        }
        return answer;
      },
      get stats() {
        return inner.stats;
      },
      serverNow: () => inner.serverNow?.(),
    };
    const store = memoryStateStore();
    await syncWith(running, ["companies", "company_segments"], { store });
    const run = await syncWith(running, ["companies", "company_segments"], { client, store });
    expect(run.result.outcome).toBe("ok");
    expect(run.result.streams.map((stream) => stream.outcome)).toEqual(["ok", "ok"]);
    expect(rows(run.sink.all("company_segments"))).toEqual(rows(running.workspace.records("company_segments")));
    const warnings = segmentWarnings(run);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`segment ${JSON.stringify(gone.name)} (${gone.id})`);
    expect(warnings[0]).toContain("404");
    // Against the last complete read, its links are deleted.
    expect(run.sink.deletions.get("company_segments")?.map((deletion) => deletion.key.id)).toEqual(Array(goneLinks).fill(gone.id));
  });

  test("a listing that answers 404 for a segment Intercom still lists fails the stream: no link is retired", async () => {
    fake = await startFake({ sizes: { companies: 60, segments: 3 } });
    const running = fake;
    const segment = String([...running.workspace.records("segments")][0]!.id);
    const inner = clientFor(running);
    const client: ApiClient = {
      request<T>(request: ApiRequest) {
        if (request.path === "/companies" && request.query?.segment_id === segment) {
          return Promise.reject(new NotFoundError("Resource Not Found", 404, "not_found", undefined, "company_segments"));
        }
        return inner.request<T>(request);
      },
      get stats() {
        return inner.stats;
      },
      serverNow: () => inner.serverNow?.(),
    };
    const store = memoryStateStore();
    await syncWith(running, ["companies", "company_segments"], { store });
    const run = await syncWith(running, ["companies", "company_segments"], { client, store });
    expect(run.result.streams.find((stream) => stream.name === "company_segments")!.outcome).toBe("failed");
    expect(run.sink.deletions.get("company_segments")).toBeUndefined();
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
    // The companies' embedded segments settle the segments whose listings leave out companies without users.
    expect(contactless().length).toBeGreaterThan(0);
    expect(requestsTo(PER_COMPANY)).toBe(0);
    expect(noChange).toBeLessThanOrEqual(scrollPages + 1 + listingPages + everythingElse);
    // Today's per-company path pays a request per company on top of that.
    expect(noChange).toBeLessThan(sizes.companies / 2);
    expect(rows(second.sink.all("company_segments"))).toEqual(rows(fake.workspace.records("company_segments")));
  });
});
