import { expect, test } from "bun:test";
import { type PassContext, planPasses } from "../../src/engine/pass.ts";
import { memoryStateStore, type StreamProgress } from "../../src/engine/state-store.ts";
import { runWindows, type WindowTask } from "../../src/engine/window-runner.ts";
import { selectStreams } from "../../src/streams/select.ts";
import { windowsFor } from "../../src/engine/page-slots.ts";

function contextWith(store = memoryStateStore(), windowConcurrency = 3): PassContext {
  return {
    client: {
      request: async <T>() => ({}) as T,
      stats: { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0, backoffMs: 0, scrollWaitMs: 0, byStream: {} },
    },
    store,
    bound: 1000,
    nowSeconds: () => 1000,
    signal: new AbortController().signal,
    options: {
      lookbackDays: 0,
      fullRefresh: false,
      windowDays: 1,
      activityLogsWindowDays: 1,
      perPage: 150,
      childConcurrency: 1,
      windowConcurrency,
      intercomVersion: "2.11",
    },
    // What runSync does for a sink without commit(): write the pages, then apply the progress and save it.
    commit: async (pass, _pages, step) => {
      if (step === undefined) return;
      const patch = "apply" in step && typeof step.apply === "function" ? step.apply() : step;
      for (const stream of pass.streams) store.update(stream, patch as Partial<StreamProgress>);
      await store.save();
    },
    warn: () => {},
    countSkipped: () => {},
  };
}

const tasks: WindowTask[] = [
  { window: { start: 0, end: 100 } },
  { window: { start: 100, end: 200 } },
  { window: { start: 200, end: 300 } },
];

test("a later window finishing first never moves the cursor past an earlier unfinished one", async () => {
  const store = memoryStateStore();
  const saved: StreamProgress[] = [];
  const recording = { ...store, save: async () => void saved.push(structuredClone(store.get("contacts")!)) };
  const [pass] = planPasses(selectStreams(["contacts"]));
  let releaseFirst!: () => void;
  const firstMayFinish = new Promise<void>((resolve) => (releaseFirst = resolve));
  await runWindows(contextWith(recording), pass!, tasks, async (task, commit) => {
    if (task.window.start === 0) {
      await commit("page-2-of-first");
      await firstMayFinish;
      return;
    }
    await commit(`page-2-of-${task.window.start}`);
    if (task.window.start === 200) releaseFirst();
  });
  // While the first window was open, every save kept the cursor at its start and remembered the later windows.
  const whileOpen = saved.filter((progress) => progress.windows?.some((window) => window.start === 0));
  expect(whileOpen.length).toBeGreaterThan(0);
  for (const progress of whileOpen) expect(progress.cursor).toBe(0);
  expect(whileOpen.some((progress) => progress.windows!.some((window) => window.done))).toBe(true);
  expect(saved.at(-1)).toEqual({ cursor: 300 });
});

test("a resumed run skips windows saved as done and continues open ones from their saved page", async () => {
  const [pass] = planPasses(selectStreams(["contacts"]));
  const reads: { start: number; position?: string }[] = [];
  await runWindows(
    contextWith(),
    pass!,
    [
      { window: { start: 0, end: 100 }, position: "p7" },
      { window: { start: 100, end: 200 }, done: true },
      { window: { start: 200, end: 300 } },
    ],
    async (task) => void reads.push({ start: task.window.start, position: task.position }),
  );
  expect(reads.sort((a, b) => a.start - b.start)).toEqual([{ start: 0, position: "p7" }, { start: 200, position: undefined }]);
});

test("a failing window fails the pass only after the windows in flight have finished their page", async () => {
  const [pass] = planPasses(selectStreams(["contacts"]));
  let finished = 0;
  const run = runWindows(contextWith(), pass!, tasks, async (task) => {
    if (task.window.start === 0) throw new Error("boom");
    await new Promise((resolve) => setTimeout(resolve, 20));
    finished++;
  });
  await expect(run).rejects.toThrow("boom");
  expect(finished).toBe(2);
});

test("a server that answers at once gets 4 windows in flight, not the 8 allowed; one 150 ms away gets all 8", async () => {
  const [pass] = planPasses(selectStreams(["contacts"]));
  const many: WindowTask[] = Array.from({ length: 12 }, (_, k) => ({ window: { start: k * 10, end: k * 10 + 10 } }));
  const mostInFlight = async (fastestAnswerMs: number) => {
    const context = contextWith(memoryStateStore(), 8);
    context.client.stats.fastestAnswerMs = fastestAnswerMs;
    let inFlight = 0;
    let most = 0;
    await runWindows(context, pass!, many, async (_task, commit) => {
      for (let page = 0; page < 3; page++) {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2)); // the page's round trip
        inFlight--;
        await commit(page < 2 ? `after-${page}` : undefined);
      }
    });
    return most;
  };
  expect(await mostInFlight(2)).toBe(4);
  expect(await mostInFlight(150)).toBe(8);
});

test("windowsFor: every window until an answer is timed; never more than allowed", () => {
  expect(windowsFor(undefined, 8)).toBe(8);
  expect(windowsFor(0, 8)).toBe(4);
  expect(windowsFor(12, 8)).toBe(6);
  expect(windowsFor(150, 8)).toBe(8);
  expect(windowsFor(1, 3)).toBe(3);
});
