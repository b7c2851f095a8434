import { describe, expect, test } from "bun:test";
import { createFakeIntercom, SCROLL_EXISTS_MESSAGE, SCROLL_IDLE_MS, SCROLL_RESTART_MESSAGE } from "../../src/fake/mod.ts";
import { type Body, get, ids } from "./helpers.ts";

/** A hand-driven wall clock, so expiry needs no real waiting. */
function manualClock(start = 1_800_000_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function scrollToEnd(fake: ReturnType<typeof createFakeIntercom>): Promise<Body[]> {
  const records: Body[] = [];
  let answer = await get(fake, "/companies/scroll");
  for (;;) {
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ type: "list", total_count: null });
    if (answer.body.data.length === 0) return records;
    records.push(...answer.body.data);
    answer = await get(fake, `/companies/scroll?scroll_param=${answer.body.scroll_param}`);
  }
}

describe("company scroll", () => {
  test("scrolling to the empty page reaches every company exactly once", async () => {
    const fake = createFakeIntercom({ sizes: { companies: 123 } });
    const found = await scrollToEnd(fake);
    expect(ids(found)).toEqual(ids(fake.workspace.records("companies")));
    expect(fake.stats.openScrolls).toBe(0);
  });

  test("the empty page ends the scroll: its scroll_param no longer works and a new scroll may open", async () => {
    const fake = createFakeIntercom({ sizes: { companies: 10 } });
    const first = await get(fake, "/companies/scroll");
    const end = await get(fake, `/companies/scroll?scroll_param=${first.body.scroll_param}`);
    expect(end.body.data).toEqual([]);
    expect((await get(fake, `/companies/scroll?scroll_param=${first.body.scroll_param}`)).status).toBe(404);
    expect((await get(fake, "/companies/scroll")).status).toBe(200);
  });

  test("opening a second scroll while one is open is a 400 saying a scroll already exists", async () => {
    const fake = createFakeIntercom({ sizes: { companies: 120 } });
    expect((await get(fake, "/companies/scroll")).status).toBe(200);
    const second = await get(fake, "/companies/scroll");
    expect(second.status).toBe(400);
    expect(second.body.type).toBe("error.list");
    expect(second.body.errors[0].message).toBe(SCROLL_EXISTS_MESSAGE);
    expect(fake.stats.openScrolls).toBe(1);
  });

  test("a scroll idle for a minute expires: its param fails and a new scroll may open", async () => {
    const clock = manualClock();
    const fake = createFakeIntercom({ sizes: { companies: 120 }, wallClock: clock.now });
    const first = await get(fake, "/companies/scroll");
    clock.advance(SCROLL_IDLE_MS - 1);
    const second = await get(fake, `/companies/scroll?scroll_param=${first.body.scroll_param}`);
    expect(second.status).toBe(200);
    clock.advance(SCROLL_IDLE_MS);
    expect((await get(fake, `/companies/scroll?scroll_param=${first.body.scroll_param}`)).status).toBe(404);
    expect(fake.stats.openScrolls).toBe(0);
    expect((await get(fake, "/companies/scroll")).status).toBe(200);
  });

  test("scrollRestartAfterPages answers 500 'restart the scroll' once, and a restarted scroll completes", async () => {
    const fake = createFakeIntercom({ sizes: { companies: 160 }, faults: { scrollRestartAfterPages: 2 } });
    const p1 = await get(fake, "/companies/scroll");
    const p2 = await get(fake, `/companies/scroll?scroll_param=${p1.body.scroll_param}`);
    expect(p2.status).toBe(200);
    const p3 = await get(fake, `/companies/scroll?scroll_param=${p2.body.scroll_param}`);
    expect(p3.status).toBe(500);
    expect(p3.body.errors[0].message).toBe(SCROLL_RESTART_MESSAGE);
    // The failed scroll is gone; starting over works and is not interrupted again.
    expect(ids(await scrollToEnd(fake))).toHaveLength(160);
  });

  test("scrollHeldUntilMs: another client's scroll blocks opening until that time", async () => {
    const clock = manualClock();
    const fake = createFakeIntercom({ sizes: { companies: 10 }, wallClock: clock.now, faults: { scrollHeldUntilMs: clock.now() + 30_000 } });
    expect((await get(fake, "/companies/scroll")).status).toBe(400);
    clock.advance(30_000);
    expect((await get(fake, "/companies/scroll")).status).toBe(200);
  });

  test("an updated company shows its new updated_at in the scroll", async () => {
    const fake = createFakeIntercom({ sizes: { companies: 20 } });
    const id = ids(fake.workspace.records("companies"))[5]!;
    fake.workspace.now += 100;
    fake.workspace.updateCompany(id);
    const found = await scrollToEnd(fake);
    expect(found.find((c) => c.id === id)!.updated_at).toBe(fake.workspace.now);
  });

  test("GET /companies/{id}/segments lists the company's segments; an unknown company is 404", async () => {
    const fake = createFakeIntercom({ sizes: { companies: 20 } });
    const expected = [...fake.workspace.records("company_segments")];
    for (const company of fake.workspace.records("companies")) {
      const answer = await get(fake, `/companies/${company.id}/segments`);
      expect(answer.body.type).toBe("list");
      expect(ids(answer.body.data)).toEqual(ids(expected.filter((s) => s.company_id === company.id)));
      expect(answer.body.total_count).toBe(answer.body.data.length);
    }
    expect(expected.length).toBeGreaterThan(0);
    expect((await get(fake, "/companies/000000000000000000000000/segments")).status).toBe(404);
  });
});
