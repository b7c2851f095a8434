/** The progress line says something true from the first second: no "0/0 streams" while Intercom has not answered. */
import { expect, test } from "bun:test";
import { createLogger } from "../../src/cli/report/logger.ts";
import { createProgress } from "../../src/cli/report/progress.ts";

function watch(planned: number) {
  let text = "";
  const logger = createLogger({ format: "text", quiet: false, verbose: false, write: (chunk) => (text += chunk) });
  const progress = createProgress(logger, { intervalMs: 5, plannedStreams: planned });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
  return { progress, settle, text: () => text };
}

test("before the first answer: waiting for Intercom, with the number of streams planned", async () => {
  const run = watch(25);
  try {
    await run.settle();
    expect(run.text()).not.toContain("0/0");
    expect(run.text()).toContain("waiting for Intercom's first answer; 25 streams to read");
  } finally {
    run.progress.stop();
  }
});

test("once streams run: done out of the streams planned, not out of those started so far", async () => {
  const run = watch(3);
  try {
    run.progress.onEngineEvent({ kind: "stream-start", stream: "admins" });
    run.progress.onEngineEvent({ kind: "stream-done", stream: "admins", records: 4 });
    await run.settle();
    const last = run.text().trim().split("\n").at(-1)!;
    expect(last).toContain("1/3 streams done");
    expect(last).not.toContain("waiting for Intercom");
  } finally {
    run.progress.stop();
  }
});
