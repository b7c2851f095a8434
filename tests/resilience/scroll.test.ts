/**
 * The company scroll: one per workspace, held by whoever opened it until it ends or idles out for a minute.
 * The sync waits while another client holds it, restarts it when it breaks, and writes each company once.
 */
import { afterEach, describe, expect, test } from "bun:test";
import { SCROLL_IDLE_MS } from "../../src/fake/mod.ts";
import { type RunningFake, startFake, syncWith } from "../helpers/harness.ts";
import { runCliInProcess } from "../helpers/run-cli-in-process.ts";
import { tempDir } from "../helpers/temp-dir.ts";
import { expectExactRecords, readStateStreams, startBrokenFake, TOKEN, truncatedAnswer, type WrappedFake } from "./helpers.ts";

const COMPANY_STREAMS = ["companies", "company_segments"] as const;
/** Without the segment fan-out, for the tests that only wait. */
const COMPANIES = ["companies"] as const;
/** Three scroll pages of 50. */
const SIZES = { companies: 130, contacts: 5, conversations: 2, tickets: 2, activityLogs: 2 };

let fake: RunningFake | WrappedFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const isScrollOpen = (url: URL) => url.pathname === "/companies/scroll" && !url.searchParams.has("scroll_param");

describe("the company scroll", () => {
  test("held by another client: the sync waits for it to be released, then exports every company once", async () => {
    let opens = 0;
    const started: WrappedFake = await startBrokenFake({ sizes: SIZES }, (_request, url) => {
      // The other client's scroll idles out shortly after this run first asks for one.
      if (isScrollOpen(url) && opens++ === 0) started.faults.scrollHeldUntilMs = Date.now() + 200;
      return undefined;
    });
    fake = started;
    const { result, sink } = await syncWith(started, COMPANIES);
    expect(result.outcome).toBe("ok");
    expectExactRecords(started, sink, COMPANIES);
    // Refused at least once while held, then opened once.
    expect(opens).toBeGreaterThanOrEqual(2);
    expect(started.stats.openScrolls).toBe(0);
  });

  test("held by another client: the CLI's --verbose log says it is waiting for the scroll, and the run ends 0", async () => {
    let opens = 0;
    const started: WrappedFake = await startBrokenFake({ sizes: SIZES }, (_request, url) => {
      if (isScrollOpen(url) && opens++ === 0) started.faults.scrollHeldUntilMs = Date.now() + 200;
      return undefined;
    });
    fake = started;
    const dir = tempDir();
    try {
      const run = await runCliInProcess([
        "sync",
        "--base-url",
        started.url,
        "--token",
        TOKEN,
        "--streams",
        "companies",
        "--sqlite",
        dir.file("out.db"),
        "--state",
        dir.file("state.json"),
        "--verbose",
      ]);
      expect(run.exitCode).toBe(0);
      expect(opens).toBeGreaterThanOrEqual(2);
      expect(readStateStreams(dir.file("state.json")).companies?.outcome).toBe("ok");
      // The wait is the one thing the user would otherwise see as a stall.
      expect(run.stderr).toContain("company scroll is held (by another client");
    } finally {
      dir.remove();
    }
  });

  test("answering 500 'please restart the scroll' mid-way: restarted, every company exported once", async () => {
    const started = await startFake({ sizes: SIZES, faults: { scrollRestartAfterPages: 1 } });
    fake = started;
    const { result, sink } = await syncWith(started, COMPANY_STREAMS);
    expect(result.outcome).toBe("ok");
    expectExactRecords(started, sink, COMPANY_STREAMS);
    // The first page (50 companies) was read twice: before the break and after the restart.
    expect(started.stats.byRoute["GET /companies/scroll"]).toBe(1 + 1 + 4);
  });

  test("a continuation whose answer is lost: restarted once this run's abandoned scroll idles out, every company once", async () => {
    let skewMs = 0;
    let lost = false;
    let refused = 0;
    const started: WrappedFake = await startBrokenFake(
      { sizes: SIZES, wallClock: () => Date.now() + skewMs },
      async (request, url) => {
        if (url.pathname !== "/companies/scroll") return undefined;
        if (url.searchParams.has("scroll_param") && !lost) {
          lost = true;
          // Intercom moved the scroll on, but the answer arrives cut short.
          return truncatedAnswer(started, request);
        }
        const response = await started.handler(request);
        if (isScrollOpen(url) && response.status === 400) {
          refused++;
          // The abandoned scroll is idle from here on; let its minute pass at once.
          skewMs += SCROLL_IDLE_MS;
        }
        return response;
      },
    );
    fake = started;
    const { result, sink } = await syncWith(started, COMPANIES);
    expect(result.streams.map((stream) => stream.error?.message)).toEqual([undefined]);
    expect(result.outcome).toBe("ok");
    expectExactRecords(started, sink, COMPANIES);
    expect(lost).toBe(true);
    expect(refused).toBe(1);
  });
});
