/**
 * The fake can put a company in a segment and take it out (Intercom's segment rules do this without touching any
 * updated_at): the segment's listing and count, the company's own segments, its embedded list and the
 * company_segments a complete export holds all follow.
 */
import { expect, test } from "bun:test";
import { createFakeIntercom } from "../../src/fake/mod.ts";
import { type Body, get } from "./helpers.ts";

test("addCompanySegment / removeCompanySegment", async () => {
  const fake = createFakeIntercom();
  const ws = fake.workspace;
  // A company with users (so segment listings show it) and a segment it is not in.
  const companies = [...ws.records("companies")] as Body[];
  const company = companies.find((record) => record.user_count > 0)!;
  const segments = [...ws.records("segments")] as Body[];
  const own = (await get(fake, `/companies/${company.id}/segments`)).body.data.map((segment: Body) => segment.id) as string[];
  const segment = segments.find((candidate) => !own.includes(candidate.id))!;
  const count = async () =>
    ((await get(fake, "/segments?include_count=true")).body.segments as Body[]).find((s) => s.id === segment.id)!.count as number;
  const listed = async () => ((await get(fake, `/companies?segment_id=${segment.id}&per_page=150`)).body.data as Body[]).map((c) => c.id);
  const before = await count();
  const updatedAt = company.updated_at;

  ws.addCompanySegment(String(company.id), String(segment.id));
  expect(await count()).toBe(before + 1);
  expect(await listed()).toContain(company.id);
  expect((await get(fake, `/companies/${company.id}/segments`)).body.data.map((s: Body) => s.id)).toEqual([...own, segment.id]);
  expect(([...ws.records("company_segments")] as Body[]).some((row) => row.company_id === company.id && row.id === segment.id)).toBe(true);
  const embedded = ([...ws.records("companies")] as Body[]).find((record) => record.id === company.id)!;
  expect(embedded.segments.segments.map((s: Body) => s.id)).toContain(segment.id);
  expect(embedded.updated_at).toBe(updatedAt);

  ws.removeCompanySegment(String(company.id), String(segment.id));
  expect(await count()).toBe(before);
  expect(await listed()).not.toContain(company.id);
  expect(([...ws.records("company_segments")] as Body[]).some((row) => row.company_id === company.id && row.id === segment.id)).toBe(false);
  expect(() => ws.addCompanySegment("nope", String(segment.id))).toThrow();
});
