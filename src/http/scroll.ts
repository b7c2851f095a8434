/**
 * The company scroll (GET /companies/scroll): Intercom allows one open scroll per workspace app, an idle scroll
 * expires after a minute, and a broken one cannot be resumed, only restarted. This runs that one scroll, waits
 * while another client holds it, restarts it when Intercom says so, and yields each company once.
 * @example
 * for await (const companies of scrollPages(client, { stream: "companies" })) sink.write(companies);
 */
import { type Clock, realClock } from "./clock.ts";
import { formatMs } from "./format.ts";
import type { ApiClient, HttpEvent } from "./types.ts";
import { IntercomApiError, ScrollExistsError, ScrollRestartError, TransientError } from "../errors.ts";

export interface ScrollOptions {
  stream: string;
  /** Default "/companies/scroll". */
  path?: string;
  /** How long to wait for another client's scroll to be released. Default 300 000 (5 min). */
  waitForScrollMs?: number;
  /** How often to try opening the scroll while another client holds it. Default 5 000. */
  pollMs?: number;
  /** Full restarts allowed after Intercom breaks the scroll. Default 3. */
  maxRestarts?: number;
  clock?: Clock;
  onEvent?: (event: HttpEvent) => void;
  signal?: AbortSignal;
}

interface ScrollPage {
  data: Record<string, unknown>[];
  scrollParam: string | undefined;
}

/** Yields the companies of one full scroll, page by page, each company once; see the module comment. */
export async function* scrollPages(
  client: ApiClient,
  options: ScrollOptions,
): AsyncGenerator<Record<string, unknown>[]> {
  const { stream, signal } = options;
  const path = options.path ?? "/companies/scroll";
  const clock = options.clock ?? realClock;
  const maxRestarts = options.maxRestarts ?? 3;
  // A restart replays companies already yielded; ids keep the output free of duplicates.
  const seen = new Set<string>();
  let restarts = 0;

  const fetchPage = async (scrollParam: string | undefined): Promise<ScrollPage> => {
    const body = await client.request({
      method: "GET",
      path,
      query: scrollParam === undefined ? undefined : { scroll_param: scrollParam },
      stream,
      signal,
      // Re-sending a scroll_param whose answer was lost would skip that page silently; restart instead.
      maxAttempts: scrollParam === undefined ? undefined : 1,
    });
    return readPage(body, stream, path);
  };

  const openScroll = async (): Promise<ScrollPage> => {
    const waitForScrollMs = options.waitForScrollMs ?? 300_000;
    const pollMs = options.pollMs ?? 5_000;
    const started = clock.now();
    for (;;) {
      try {
        return await fetchPage(undefined);
      } catch (error) {
        if (!(error instanceof ScrollExistsError)) throw error;
        const waited = clock.now() - started;
        if (waited >= waitForScrollMs) throw scrollBusy(error, waited, stream);
        const waitMs = Math.min(pollMs, waitForScrollMs - waited);
        options.onEvent?.({
          kind: "scroll-wait",
          stream,
          status: error.status,
          waitMs,
          message:
            `stream ${stream}: the workspace's one company scroll is held (by another client, or one this run lost to a failed request, which expires after a minute idle); trying again in ${
              formatMs(waitMs)
            } (waited ${formatMs(waited)} of ${formatMs(waitForScrollMs)})`,
        });
        client.stats.scrollWaitMs += waitMs;
        await clock.sleep(waitMs, signal);
      }
    }
  };

  for (;;) {
    let scrollParam: string | undefined;
    let restart = false;
    while (!restart) {
      let page: ScrollPage;
      try {
        page = scrollParam === undefined ? await openScroll() : await fetchPage(scrollParam);
      } catch (error) {
        const broken = error instanceof ScrollRestartError || (scrollParam !== undefined && error instanceof TransientError);
        if (!broken) throw error;
        if (restarts >= maxRestarts) throw restartsExhausted(error, restarts, stream);
        restarts++;
        options.onEvent?.({
          kind: "scroll-restart",
          stream,
          status: error instanceof IntercomApiError ? error.status : undefined,
          attempt: restarts,
          message:
            `stream ${stream}: the company scroll broke (${error.message}); restarting from the beginning (${restarts}/${maxRestarts}), companies already written are skipped`,
        });
        restart = true;
        continue;
      }
      if (page.data.length === 0) return;
      const fresh = page.data.filter((company) => {
        if (company.id === undefined || company.id === null) return true;
        const id = String(company.id);
        if (seen.has(id)) return false;
        seen.add(id);
        return true;
      });
      if (fresh.length > 0) yield fresh;
      if (page.scrollParam === undefined) return;
      scrollParam = page.scrollParam;
    }
  }
}

function readPage(body: unknown, stream: string, path: string): ScrollPage {
  const page = (typeof body === "object" && body !== null ? body : {}) as { data?: unknown; scroll_param?: unknown };
  if (!Array.isArray(page.data)) {
    throw new IntercomApiError(
      `stream ${stream}: GET ${path} answered without a data array; is the base URL an Intercom API host?`,
      200,
      undefined,
      undefined,
      stream,
    );
  }
  const data = page.data.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null);
  const scrollParam = typeof page.scroll_param === "string" && page.scroll_param !== "" ? page.scroll_param : undefined;
  return { data, scrollParam };
}

function scrollBusy(error: ScrollExistsError, waitedMs: number, stream: string): ScrollExistsError {
  return new ScrollExistsError(
    `stream ${stream}: Intercom allows one open company scroll per workspace app, and another client holds it ` +
      `(another intercom-sync run, or an integration that lists companies). Waited ${formatMs(waitedMs)} for it. ` +
      `An idle scroll expires after one minute, so if the other client crashed, run again in a minute; ` +
      `if it is still scrolling, stop it or run intercom-sync when it is done, or allow a longer wait. ` +
      `(Intercom said: ${error.message})`,
    error.status,
    error.code,
    error.requestId,
    stream,
  );
}

function restartsExhausted(error: Error, restarts: number, stream: string): Error {
  const message = `stream ${stream}: the company scroll broke again after ${restarts} restart${restarts === 1 ? "" : "s"} ` +
    `(${error.message}). Intercom cannot resume a scroll; run the sync again later.`;
  if (error instanceof IntercomApiError) {
    return new ScrollRestartError(message, error.status, error.code, error.requestId, stream);
  }
  return new TransientError(message, error instanceof TransientError ? error.attempts : 1, stream, error);
}
